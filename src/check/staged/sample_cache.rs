//! The sampled documents' learning facts as kept under `.git/doccheck/`.
//! A file that does not decode, or was written for another key, is not
//! used: the sample is then read again.

use crate::convention::Sampled;

const MAGIC: &[u8] = b"doccheck sample 1\n";

pub fn encode(sampled: &[Sampled], key: u64) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(sampled.len() as u32).to_le_bytes());
    let text = |out: &mut Vec<u8>, s: &str| {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    };
    for s in sampled {
        let kind = s.kind.map_or(u32::MAX, |k| k as u32);
        out.extend_from_slice(&kind.to_le_bytes());
        out.push(
            u8::from(s.frontmatter)
                | u8::from(s.cites_research) << 1
                | u8::from(s.status.is_some()) << 2,
        );
        text(&mut out, &s.name);
        if let Some(status) = &s.status {
            text(&mut out, status);
        }
        out.extend_from_slice(&(s.keys.len() as u32).to_le_bytes());
        for key in &s.keys {
            text(&mut out, key);
        }
    }
    out
}

/// `None` unless `bytes` hold facts written for `key`, each of a kind
/// below `kinds`.
pub fn decode(bytes: &[u8], key: u64, kinds: usize) -> Option<Vec<Sampled>> {
    let mut input = Input(bytes.strip_prefix(MAGIC)?);
    if u64::from_le_bytes(input.take(8)?.try_into().ok()?) != key {
        return None;
    }
    let count = input.number()? as usize;
    let mut out = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let kind = match input.number()? {
            u32::MAX => None,
            k if (k as usize) < kinds => Some(k as usize),
            _ => return None,
        };
        let flags = *input.take(1)?.first()?;
        let name = input.text()?;
        let status = match flags & 4 {
            0 => None,
            _ => Some(input.text()?),
        };
        let keys = (0..input.number()?)
            .map(|_| input.text())
            .collect::<Option<Vec<String>>>()?;
        out.push(Sampled {
            kind,
            name,
            frontmatter: flags & 1 != 0,
            keys,
            status,
            cites_research: flags & 2 != 0,
        });
    }
    input.0.is_empty().then_some(out)
}

/// What is left to decode.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn number(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn text(&mut self) -> Option<String> {
        let len = self.number()? as usize;
        String::from_utf8(self.take(len)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_reads_back_for_its_key_only() {
        let sampled = vec![
            Sampled {
                kind: Some(1),
                name: "2024-01-01-plan.md".into(),
                frontmatter: true,
                keys: vec!["date".into(), "status".into()],
                status: Some("done".into()),
                cites_research: true,
            },
            Sampled {
                kind: None,
                name: "notes.md".into(),
                frontmatter: false,
                keys: Vec::new(),
                status: None,
                cites_research: false,
            },
        ];
        let bytes = encode(&sampled, 7);
        assert_eq!(decode(&bytes, 7, 2), Some(sampled));
        assert_eq!(decode(&bytes, 8, 2), None);
        // A kind the configuration no longer has.
        assert_eq!(decode(&bytes, 7, 1), None);
        assert_eq!(decode(&bytes[..bytes.len() - 1], 7, 2), None);
    }
}
