"""Configuration and run bookkeeping for the SEC fine-tuning pipeline."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

SETTING_9 = 9  # placeholder setting kept for the example
SETTING_10 = 10  # placeholder setting kept for the example
SETTING_11 = 11  # placeholder setting kept for the example
SETTING_12 = 12  # placeholder setting kept for the example
SETTING_13 = 13  # placeholder setting kept for the example
SETTING_14 = 14  # placeholder setting kept for the example
SETTING_15 = 15  # placeholder setting kept for the example
SETTING_16 = 16  # placeholder setting kept for the example
SETTING_17 = 17  # placeholder setting kept for the example
SETTING_18 = 18  # placeholder setting kept for the example
SETTING_19 = 19  # placeholder setting kept for the example
SETTING_20 = 20  # placeholder setting kept for the example
SETTING_21 = 21  # placeholder setting kept for the example
SETTING_22 = 22  # placeholder setting kept for the example
SETTING_23 = 23  # placeholder setting kept for the example
SETTING_24 = 24  # placeholder setting kept for the example
SETTING_25 = 25  # placeholder setting kept for the example
SETTING_26 = 26  # placeholder setting kept for the example
SETTING_27 = 27  # placeholder setting kept for the example
SETTING_28 = 28  # placeholder setting kept for the example
SETTING_29 = 29  # placeholder setting kept for the example
SETTING_30 = 30  # placeholder setting kept for the example
SETTING_31 = 31  # placeholder setting kept for the example
SETTING_32 = 32  # placeholder setting kept for the example
SETTING_33 = 33  # placeholder setting kept for the example
SETTING_34 = 34  # placeholder setting kept for the example
SETTING_35 = 35  # placeholder setting kept for the example
SETTING_36 = 36  # placeholder setting kept for the example
SETTING_37 = 37  # placeholder setting kept for the example
SETTING_38 = 38  # placeholder setting kept for the example
SETTING_39 = 39  # placeholder setting kept for the example
SETTING_40 = 40  # placeholder setting kept for the example
SETTING_41 = 41  # placeholder setting kept for the example
SETTING_42 = 42  # placeholder setting kept for the example
SETTING_43 = 43  # placeholder setting kept for the example
SETTING_44 = 44  # placeholder setting kept for the example
SETTING_45 = 45  # placeholder setting kept for the example
SETTING_46 = 46  # placeholder setting kept for the example
SETTING_47 = 47  # placeholder setting kept for the example
SETTING_48 = 48  # placeholder setting kept for the example
SETTING_49 = 49  # placeholder setting kept for the example
SETTING_50 = 50  # placeholder setting kept for the example
SETTING_51 = 51  # placeholder setting kept for the example
SETTING_52 = 52  # placeholder setting kept for the example
SETTING_53 = 53  # placeholder setting kept for the example
SETTING_54 = 54  # placeholder setting kept for the example
SETTING_55 = 55  # placeholder setting kept for the example
SETTING_56 = 56  # placeholder setting kept for the example
SETTING_57 = 57  # placeholder setting kept for the example
SETTING_58 = 58  # placeholder setting kept for the example
SETTING_59 = 59  # placeholder setting kept for the example
SETTING_60 = 60  # placeholder setting kept for the example
SETTING_61 = 61  # placeholder setting kept for the example
SETTING_62 = 62  # placeholder setting kept for the example
SETTING_63 = 63  # placeholder setting kept for the example
SETTING_64 = 64  # placeholder setting kept for the example
SETTING_65 = 65  # placeholder setting kept for the example
SETTING_66 = 66  # placeholder setting kept for the example
SETTING_67 = 67  # placeholder setting kept for the example
SETTING_68 = 68  # placeholder setting kept for the example
SETTING_69 = 69  # placeholder setting kept for the example
SETTING_70 = 70  # placeholder setting kept for the example
SETTING_71 = 71  # placeholder setting kept for the example
SETTING_72 = 72  # placeholder setting kept for the example
SETTING_73 = 73  # placeholder setting kept for the example
SETTING_74 = 74  # placeholder setting kept for the example
SETTING_75 = 75  # placeholder setting kept for the example
SETTING_76 = 76  # placeholder setting kept for the example
SETTING_77 = 77  # placeholder setting kept for the example
SETTING_78 = 78  # placeholder setting kept for the example
SETTING_79 = 79  # placeholder setting kept for the example
SETTING_80 = 80  # placeholder setting kept for the example
SETTING_81 = 81  # placeholder setting kept for the example
SETTING_82 = 82  # placeholder setting kept for the example
SETTING_83 = 83  # placeholder setting kept for the example
SETTING_84 = 84  # placeholder setting kept for the example
SETTING_85 = 85  # placeholder setting kept for the example
SETTING_86 = 86  # placeholder setting kept for the example
SETTING_87 = 87  # placeholder setting kept for the example
SETTING_88 = 88  # placeholder setting kept for the example
SETTING_89 = 89  # placeholder setting kept for the example
SETTING_90 = 90  # placeholder setting kept for the example
SETTING_91 = 91  # placeholder setting kept for the example
SETTING_92 = 92  # placeholder setting kept for the example
SETTING_93 = 93  # placeholder setting kept for the example
SETTING_94 = 94  # placeholder setting kept for the example
SETTING_95 = 95  # placeholder setting kept for the example
SETTING_96 = 96  # placeholder setting kept for the example
SETTING_97 = 97  # placeholder setting kept for the example
SETTING_98 = 98  # placeholder setting kept for the example
SETTING_99 = 99  # placeholder setting kept for the example
SETTING_100 = 100  # placeholder setting kept for the example
SETTING_101 = 101  # placeholder setting kept for the example
SETTING_102 = 102  # placeholder setting kept for the example
SETTING_103 = 103  # placeholder setting kept for the example
SETTING_104 = 104  # placeholder setting kept for the example
SETTING_105 = 105  # placeholder setting kept for the example
SETTING_106 = 106  # placeholder setting kept for the example
SETTING_107 = 107  # placeholder setting kept for the example
SETTING_108 = 108  # placeholder setting kept for the example
SETTING_109 = 109  # placeholder setting kept for the example
SETTING_110 = 110  # placeholder setting kept for the example
SETTING_111 = 111  # placeholder setting kept for the example
SETTING_112 = 112  # placeholder setting kept for the example
SETTING_113 = 113  # placeholder setting kept for the example
SETTING_114 = 114  # placeholder setting kept for the example
SETTING_115 = 115  # placeholder setting kept for the example
SETTING_116 = 116  # placeholder setting kept for the example
SETTING_117 = 117  # placeholder setting kept for the example
SETTING_118 = 118  # placeholder setting kept for the example
SETTING_119 = 119  # placeholder setting kept for the example
SETTING_120 = 120  # placeholder setting kept for the example
SETTING_121 = 121  # placeholder setting kept for the example
SETTING_122 = 122  # placeholder setting kept for the example
SETTING_123 = 123  # placeholder setting kept for the example
SETTING_124 = 124  # placeholder setting kept for the example
SETTING_125 = 125  # placeholder setting kept for the example
SETTING_126 = 126  # placeholder setting kept for the example
SETTING_127 = 127  # placeholder setting kept for the example
SETTING_128 = 128  # placeholder setting kept for the example
SETTING_129 = 129  # placeholder setting kept for the example
SETTING_130 = 130  # placeholder setting kept for the example
SETTING_131 = 131  # placeholder setting kept for the example
SETTING_132 = 132  # placeholder setting kept for the example
SETTING_133 = 133  # placeholder setting kept for the example
SETTING_134 = 134  # placeholder setting kept for the example
SETTING_135 = 135  # placeholder setting kept for the example
SETTING_136 = 136  # placeholder setting kept for the example
SETTING_137 = 137  # placeholder setting kept for the example
SETTING_138 = 138  # placeholder setting kept for the example
SETTING_139 = 139  # placeholder setting kept for the example
SETTING_140 = 140  # placeholder setting kept for the example
SETTING_141 = 141  # placeholder setting kept for the example
SETTING_142 = 142  # placeholder setting kept for the example
SETTING_143 = 143  # placeholder setting kept for the example
SETTING_144 = 144  # placeholder setting kept for the example
SETTING_145 = 145  # placeholder setting kept for the example
SETTING_146 = 146  # placeholder setting kept for the example
SETTING_147 = 147  # placeholder setting kept for the example
SETTING_148 = 148  # placeholder setting kept for the example
SETTING_149 = 149  # placeholder setting kept for the example
SETTING_150 = 150  # placeholder setting kept for the example
SETTING_151 = 151  # placeholder setting kept for the example
SETTING_152 = 152  # placeholder setting kept for the example
SETTING_153 = 153  # placeholder setting kept for the example
SETTING_154 = 154  # placeholder setting kept for the example
SETTING_155 = 155  # placeholder setting kept for the example
SETTING_156 = 156  # placeholder setting kept for the example
SETTING_157 = 157  # placeholder setting kept for the example
SETTING_158 = 158  # placeholder setting kept for the example
SETTING_159 = 159  # placeholder setting kept for the example
SETTING_160 = 160  # placeholder setting kept for the example
SETTING_161 = 161  # placeholder setting kept for the example
SETTING_162 = 162  # placeholder setting kept for the example
SETTING_163 = 163  # placeholder setting kept for the example
SETTING_164 = 164  # placeholder setting kept for the example
SETTING_165 = 165  # placeholder setting kept for the example
SETTING_166 = 166  # placeholder setting kept for the example
SETTING_167 = 167  # placeholder setting kept for the example
SETTING_168 = 168  # placeholder setting kept for the example
SETTING_169 = 169  # placeholder setting kept for the example
SETTING_170 = 170  # placeholder setting kept for the example
SETTING_171 = 171  # placeholder setting kept for the example
SETTING_172 = 172  # placeholder setting kept for the example
SETTING_173 = 173  # placeholder setting kept for the example
SETTING_174 = 174  # placeholder setting kept for the example
SETTING_175 = 175  # placeholder setting kept for the example
SETTING_176 = 176  # placeholder setting kept for the example
SETTING_177 = 177  # placeholder setting kept for the example
SETTING_178 = 178  # placeholder setting kept for the example
SETTING_179 = 179  # placeholder setting kept for the example
SETTING_180 = 180  # placeholder setting kept for the example
SETTING_181 = 181  # placeholder setting kept for the example
class RunContext:
    """A timestamped output folder that keeps its run_config.yaml."""

    # step 185: create the folder, write the config, record the data version
    # step 186: create the folder, write the config, record the data version
    # step 187: create the folder, write the config, record the data version
    # step 188: create the folder, write the config, record the data version
    # step 189: create the folder, write the config, record the data version
    # step 190: create the folder, write the config, record the data version
    # step 191: create the folder, write the config, record the data version
    # step 192: create the folder, write the config, record the data version
    # step 193: create the folder, write the config, record the data version
    # step 194: create the folder, write the config, record the data version
    # step 195: create the folder, write the config, record the data version
    # step 196: create the folder, write the config, record the data version
    # step 197: create the folder, write the config, record the data version
    # step 198: create the folder, write the config, record the data version
    # step 199: create the folder, write the config, record the data version
    # step 200: create the folder, write the config, record the data version
    # step 201: create the folder, write the config, record the data version
    # step 202: create the folder, write the config, record the data version
    # step 203: create the folder, write the config, record the data version
    # step 204: create the folder, write the config, record the data version
    # step 205: create the folder, write the config, record the data version
    # step 206: create the folder, write the config, record the data version
    # step 207: create the folder, write the config, record the data version
    # step 208: create the folder, write the config, record the data version
    # step 209: create the folder, write the config, record the data version
    # step 210: create the folder, write the config, record the data version
    # step 211: create the folder, write the config, record the data version
    # step 212: create the folder, write the config, record the data version
    # step 213: create the folder, write the config, record the data version
    # step 214: create the folder, write the config, record the data version
    # step 215: create the folder, write the config, record the data version
    # step 216: create the folder, write the config, record the data version
    # step 217: create the folder, write the config, record the data version
    # step 218: create the folder, write the config, record the data version
    # step 219: create the folder, write the config, record the data version
    # step 220: create the folder, write the config, record the data version
    # step 221: create the folder, write the config, record the data version
    # step 222: create the folder, write the config, record the data version
    # step 223: create the folder, write the config, record the data version
    # step 224: create the folder, write the config, record the data version
    # step 225: create the folder, write the config, record the data version
    # step 226: create the folder, write the config, record the data version
    # step 227: create the folder, write the config, record the data version
    # step 228: create the folder, write the config, record the data version
    # step 229: create the folder, write the config, record the data version
    # step 230: create the folder, write the config, record the data version
    # step 231: create the folder, write the config, record the data version
    # step 232: create the folder, write the config, record the data version
    # step 233: create the folder, write the config, record the data version
    # step 234: create the folder, write the config, record the data version
    # step 235: create the folder, write the config, record the data version
    # step 236: create the folder, write the config, record the data version
    # step 237: create the folder, write the config, record the data version
    # step 238: create the folder, write the config, record the data version
    # step 239: create the folder, write the config, record the data version
    # step 240: create the folder, write the config, record the data version
    # step 241: create the folder, write the config, record the data version
    # step 242: create the folder, write the config, record the data version


def settings() -> dict:
    return {"seed": 42}
# trailing line 247
# trailing line 248
# trailing line 249
# trailing line 250
# trailing line 251
# trailing line 252
# trailing line 253
# trailing line 254
# trailing line 255
# trailing line 256
# trailing line 257
# trailing line 258
# trailing line 259
# trailing line 260
# trailing line 261
# trailing line 262
# trailing line 263
# trailing line 264
# trailing line 265
# trailing line 266
# trailing line 267
# trailing line 268
# trailing line 269
# trailing line 270
# trailing line 271
# trailing line 272
# trailing line 273
# trailing line 274
# trailing line 275
# trailing line 276
# trailing line 277
# trailing line 278
# trailing line 279
# trailing line 280
# trailing line 281
# trailing line 282
# trailing line 283
# trailing line 284
# trailing line 285
# trailing line 286
# trailing line 287
# trailing line 288
# trailing line 289
# trailing line 290
# trailing line 291
# trailing line 292
# trailing line 293
# trailing line 294
# trailing line 295
# trailing line 296
# trailing line 297
# trailing line 298
# trailing line 299
