//! The office's seal: one Ed25519 signing key, kept in a small file beside the server's data, that
//! signs register extracts so anyone holding the public key can check one offline.
//!
//! # Key file format
//!
//! A UTF-8 text file of exactly two lines (a final newline is optional, `\r\n` is accepted):
//!
//! ```text
//! taawun-ed25519-secret-v1
//! 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
//! ```
//!
//! The first line names the format; the second is the 32-byte Ed25519 seed (the secret key) as 64
//! hexadecimal digits. On Unix the file must not be readable by group or others (mode `0600`):
//! a looser mode is refused, like ssh does, rather than silently signing with a leaked key.
//!
//! # Encodings
//!
//! Public keys and signatures are lowercase hexadecimal (64 and 128 digits); [`verify`] also
//! accepts uppercase. Hex rather than base64 so that a key or a signature can be read aloud,
//! compared by eye, and pasted anywhere (URLs, JSON, a shell) without escaping.
//!
//! # Sealed PDFs
//!
//! An extract's attached payload is signed, but a PDF is more than its attachment: a forger can
//! keep a genuine attachment and print other figures around it. So the PDF itself is sealed too:
//! [`Seal::seal_pdf`] appends one line after the document's last byte,
//!
//! ```text
//! %taawun-seal-v1 <key id> <signature, 128 hex digits>
//! ```
//!
//! a PDF comment, which readers ignore (they look for `startxref` near the end, still there).
//! The signature covers [`PDF_SEAL_CONTEXT`] then every byte before that line, so any change to
//! what the PDF shows, or an update appended after the seal, breaks it; [`sealed_pdf`] and
//! [`verify_pdf`] check it. The context keeps a PDF's signature from ever passing for a payload's
//! (a payload is JSON, a PDF starts with `%PDF-`; the context makes this explicit).
//!
//! # Several processes starting at once
//!
//! [`Seal::load_or_create`] writes a new key to a temporary file in the same directory (mode 0600,
//! synced), then publishes it with `hard_link`, which never replaces an existing file. Exactly one
//! process wins; the others get `AlreadyExists`, throw their key away, and read the winner's. The
//! final file appears complete or not at all, so no process can read half a key.

use std::{
    fmt,
    fs::{self, File, OpenOptions},
    io::{self, Read, Write},
    path::{Path, PathBuf},
};

use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// First line of a key file.
pub const KEY_FILE_HEADER: &str = "taawun-ed25519-secret-v1";

/// A key file is a few dozen bytes; anything much longer is not one.
const MAX_KEY_FILE_LEN: u64 = 4096;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("seal key file {}: cannot read it: {source}", .path.display())]
    Unreadable { path: PathBuf, source: io::Error },
    #[error("seal key file {}: malformed: {reason}", .path.display())]
    Malformed { path: PathBuf, reason: &'static str },
    #[error(
        "seal key file {}: mode {mode:04o} lets other users read the office's signing key; \
         restrict it with `chmod 600`",
        .path.display()
    )]
    Permissions { path: PathBuf, mode: u32 },
    #[error("seal key file {}: cannot create it: {source}", .path.display())]
    Create { path: PathBuf, source: io::Error },
    #[error("seal key: the operating system gave no randomness: {0}")]
    Random(String),
}

/// The office's signing key. `Debug` shows the key id, never the secret.
pub struct Seal {
    key: SigningKey,
}

impl fmt::Debug for Seal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seal")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

impl Seal {
    /// Reads the key at `path`, or creates it there if no file exists (see the module docs for the
    /// format and for what happens when several processes start together). The directory must
    /// exist: a missing one is an error naming the path, not something to create silently.
    pub fn load_or_create(path: &Path) -> Result<Seal, SealError> {
        match read_key_file(path) {
            Err(SealError::Unreadable { source, .. }) if source.kind() == io::ErrorKind::NotFound => {}
            other => return other,
        }
        let seed = random_seed()?;
        publish_key_file(path, &seed)?;
        // Winner or loser of a race, everyone uses what is on disk.
        read_key_file(path)
    }

    /// A fresh key held only in memory, for tests and demonstrations.
    pub fn ephemeral() -> Result<Seal, SealError> {
        Ok(Seal::from_seed(&random_seed()?))
    }

    fn from_seed(seed: &[u8; 32]) -> Seal {
        Seal {
            key: SigningKey::from_bytes(seed),
        }
    }

    /// The first 16 hex digits of the SHA-256 of the public key: a short name for the key, printed
    /// on documents and stored with what it signed, so a key rotation stays traceable.
    pub fn key_id(&self) -> String {
        key_id_of(&self.key.verifying_key().to_bytes())
    }

    /// The public key, 64 lowercase hex digits: what verifiers need, and all they need.
    pub fn public_key_hex(&self) -> String {
        to_hex(&self.key.verifying_key().to_bytes())
    }

    /// The Ed25519 signature of `payload`, 128 lowercase hex digits.
    pub fn sign(&self, payload: &[u8]) -> String {
        use ed25519_dalek::Signer;
        to_hex(&self.key.sign(payload).to_bytes())
    }
}

/// What a PDF's seal signs before the PDF's bytes: see the module docs.
pub const PDF_SEAL_CONTEXT: &[u8] = b"taawun-sealed-pdf-v1\n";
/// How the seal's line begins.
const PDF_SEAL_PREFIX: &[u8] = b"%taawun-seal-v1 ";

impl Seal {
    /// `pdf` with the seal's line appended (see the module docs): the signature of exactly these
    /// bytes, by this key.
    pub fn seal_pdf(&self, mut pdf: Vec<u8>) -> Vec<u8> {
        // The seal is a line of its own; a newline added for it is covered by the signature.
        if !pdf.ends_with(b"\n") {
            pdf.push(b'\n');
        }
        let signature = self.sign(&[PDF_SEAL_CONTEXT, &pdf].concat());
        pdf.extend_from_slice(PDF_SEAL_PREFIX);
        pdf.extend_from_slice(format!("{} {signature}\n", self.key_id()).as_bytes());
        pdf
    }
}

/// A PDF as [`Seal::seal_pdf`] left it: the document's bytes, and the seal's key id and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedPdf<'a> {
    /// Every byte before the seal's line: what the signature covers.
    pub document: &'a [u8],
    pub key_id: String,
    pub signature: String,
}

/// The seal of `bytes` if its very last line is one, or `None` (no seal, or something after it).
pub fn sealed_pdf(bytes: &[u8]) -> Option<SealedPdf<'_>> {
    let body = bytes.strip_suffix(b"\n")?;
    let start = body.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = body[start..].strip_prefix(PDF_SEAL_PREFIX)?;
    let line = std::str::from_utf8(line).ok()?;
    let (key_id, signature) = line.split_once(' ')?;
    let hex = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex(key_id, 16) || !hex(signature, 128) {
        return None;
    }
    Some(SealedPdf {
        document: &bytes[..start],
        key_id: key_id.to_string(),
        signature: signature.to_string(),
    })
}

/// Whether the seal holds for the document's bytes under the key `public_key_hex`.
pub fn verify_pdf(public_key_hex: &str, sealed: &SealedPdf<'_>) -> bool {
    verify(
        public_key_hex,
        &[PDF_SEAL_CONTEXT, sealed.document].concat(),
        &sealed.signature,
    )
}

/// The key id (see [`Seal::key_id`]) of a hex public key, or `None` if it is not one.
pub fn key_id(public_key_hex: &str) -> Option<String> {
    from_hex::<32>(public_key_hex).map(|bytes| key_id_of(&bytes))
}

fn key_id_of(public_key: &[u8; 32]) -> String {
    let mut id = to_hex(&Sha256::digest(public_key));
    id.truncate(16);
    id
}

/// Whether `signature` (hex) is a valid Ed25519 signature of `payload` by the key
/// `public_key_hex`. Malformed keys or signatures are simply invalid. Strict verification: the
/// malleable and small-order-key forms that the plain check lets through are refused.
pub fn verify(public_key_hex: &str, payload: &[u8], signature: &str) -> bool {
    let (Some(key), Some(signature)) = (from_hex::<32>(public_key_hex), from_hex::<64>(signature)) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&key) else {
        return false;
    };
    key.verify_strict(payload, &Signature::from_bytes(&signature))
        .is_ok()
}

fn random_seed() -> Result<[u8; 32], SealError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| SealError::Random(e.to_string()))?;
    Ok(seed)
}

fn read_key_file(path: &Path) -> Result<Seal, SealError> {
    let unreadable = |source| SealError::Unreadable {
        path: path.to_owned(),
        source,
    };
    let malformed = |reason| SealError::Malformed {
        path: path.to_owned(),
        reason,
    };
    let file = File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(malformed("not a regular file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o7777;
        if mode & 0o077 != 0 {
            return Err(SealError::Permissions {
                path: path.to_owned(),
                mode,
            });
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_KEY_FILE_LEN + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_KEY_FILE_LEN {
        return Err(malformed("too long to be a key file"));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| malformed("not UTF-8 text"))?;
    let seed = parse_key_file(text).map_err(malformed)?;
    Ok(Seal::from_seed(&seed))
}

fn parse_key_file(text: &str) -> Result<[u8; 32], &'static str> {
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
    if lines.next() != Some(KEY_FILE_HEADER) {
        return Err("the first line is not \"taawun-ed25519-secret-v1\"");
    }
    let seed = lines.next().ok_or("the seed line is missing")?;
    let seed = from_hex::<32>(seed.trim()).ok_or("the second line is not 64 hex digits")?;
    if lines.any(|l| !l.trim().is_empty()) {
        return Err("unexpected text after the seed line");
    }
    Ok(seed)
}

fn key_file_text(seed: &[u8; 32]) -> String {
    format!("{KEY_FILE_HEADER}\n{}\n", to_hex(seed))
}

/// Writes the key to a private temporary file and links it into place without ever replacing an
/// existing file. Losing the race (`AlreadyExists`) is success: the caller reads the winner's key.
fn publish_key_file(path: &Path, seed: &[u8; 32]) -> Result<(), SealError> {
    let create = |source| SealError::Create {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        create(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ))
    })?;
    let nonce = random_seed()?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".tmp-{}-{}", std::process::id(), &to_hex(&nonce)[..16]));
    let tmp = dir.join(tmp_name);

    let result =
        write_private(&tmp, key_file_text(seed).as_bytes()).and_then(|()| match fs::hard_link(&tmp, path) {
            Ok(()) => {
                sync_dir(dir);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            Err(e) => Err(e),
        });
    // Best effort: the key is either linked in place (the temp name is then a second, useless
    // name) or lost the race; in both cases the temporary file must go.
    let _ = fs::remove_file(&tmp);
    result.map_err(create)
}

fn write_private(path: &Path, contents: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Makes the new directory entry durable (Unix); elsewhere a no-op. Failure only weakens
/// durability after a crash, so it is not an error.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

fn from_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    let text = text.as_bytes();
    if text.len() != 2 * N {
        return None;
    }
    let digit = |c: u8| char::from(c).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        *byte = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_pdf_verifies_and_any_change_breaks_it() {
        let seal = Seal::ephemeral().expect("key");
        let key = seal.public_key_hex();
        let pdf = b"%PDF-1.7\n1 0 obj (Capital 10 000 MAD) endobj\nstartxref\n9\n%%EOF".to_vec();
        let sealed = seal.seal_pdf(pdf.clone());
        let s = sealed_pdf(&sealed).expect("sealed");
        assert_eq!(s.document, [pdf.as_slice(), b"\n"].concat());
        assert_eq!(s.key_id, seal.key_id());
        assert!(verify_pdf(&key, &s));
        // Other figures, under the same seal.
        let forged = String::from_utf8(sealed.clone())
            .expect("text")
            .replace("10 000", "90 000");
        assert!(!verify_pdf(&key, &sealed_pdf(forged.as_bytes()).expect("parses")));
        // An update appended after the seal, or the seal removed: no seal at the end.
        assert_eq!(
            sealed_pdf(&[sealed.as_slice(), b"2 0 obj (x) endobj\n"].concat()),
            None
        );
        assert_eq!(sealed_pdf(&pdf), None);
        // Another key's seal.
        let other = Seal::ephemeral().expect("key");
        assert!(!verify_pdf(&other.public_key_hex(), &s));
        // A payload's signature is not a PDF's, even over the same bytes.
        let payload_signature = seal.sign(s.document);
        assert!(!verify_pdf(
            &key,
            &SealedPdf {
                signature: payload_signature,
                ..s.clone()
            }
        ));
    }

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            let nonce = to_hex(&random_seed().expect("randomness")[..8]);
            let dir = std::env::temp_dir().join(format!("taawun-seal-{tag}-{nonce}"));
            fs::create_dir_all(&dir).expect("temp dir");
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn rfc8032_test_vector() {
        // RFC 8032 §7.1, TEST 1 (empty message).
        let seed =
            from_hex::<32>("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").expect("hex");
        let seal = Seal::from_seed(&seed);
        assert_eq!(
            seal.public_key_hex(),
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
        );
        let signature = seal.sign(b"");
        assert_eq!(
            signature,
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155\
             5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
        );
        assert!(verify(&seal.public_key_hex(), b"", &signature));
        assert!(verify(
            &seal.public_key_hex().to_uppercase(),
            b"",
            &signature.to_uppercase()
        ));
    }

    #[test]
    fn sign_and_verify() {
        let seal = Seal::ephemeral().expect("key");
        let other = Seal::ephemeral().expect("key");
        let payload = br#"{"code":"K7M2Q9","n":1}"#;
        let signature = seal.sign(payload);
        assert_eq!(signature.len(), 128);
        assert!(verify(&seal.public_key_hex(), payload, &signature));
        assert!(!verify(
            &seal.public_key_hex(),
            b"{\"code\":\"K7M2Q8\",\"n\":1}",
            &signature
        ));
        assert!(!verify(&other.public_key_hex(), payload, &signature));
        let mut flipped = signature.clone().into_bytes();
        flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
        assert!(!verify(
            &seal.public_key_hex(),
            payload,
            &String::from_utf8(flipped).expect("ascii")
        ));
        for junk in ["", "zz", &signature[..127], &format!("{signature}00")] {
            assert!(!verify(&seal.public_key_hex(), payload, junk));
        }
        assert!(!verify("not a key", payload, &signature));
        assert!(!verify("é".repeat(32).as_str(), payload, &signature));
    }

    #[test]
    fn key_id_is_16_hex_digits_of_the_public_key_hash() {
        let seal = Seal::ephemeral().expect("key");
        let id = seal.key_id();
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(key_id(&seal.public_key_hex()), Some(id));
        assert_eq!(key_id("xyz"), None);
        assert!(!format!("{seal:?}").contains(&to_hex(&seal.key.to_bytes())));
    }

    #[test]
    fn creates_then_reloads_the_same_key() {
        let dir = TempDir::new("reload");
        let path = dir.0.join("seal.key");
        let first = Seal::load_or_create(&path).expect("created");
        let second = Seal::load_or_create(&path).expect("loaded");
        assert_eq!(first.public_key_hex(), second.public_key_hex());
        let text = fs::read_to_string(&path).expect("file");
        assert!(text.starts_with("taawun-ed25519-secret-v1\n"));
        assert_eq!(text.lines().count(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let leftovers: Vec<_> = fs::read_dir(&dir.0).expect("dir").collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn concurrent_starts_agree_on_one_key() {
        let dir = TempDir::new("race");
        let path = dir.0.join("seal.key");
        let barrier = std::sync::Barrier::new(8);
        let keys: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        Seal::load_or_create(&path).expect("seal").public_key_hex()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().expect("thread")).collect()
        });
        assert!(keys.iter().all(|k| k == &keys[0]), "{keys:?}");
        assert_eq!(fs::read_dir(&dir.0).expect("dir").count(), 1);
    }

    #[cfg(unix)]
    fn write_with_mode(path: &Path, text: &str, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        fs::write(path, text).expect("write");
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[cfg(unix)]
    #[test]
    fn malformed_or_exposed_files_are_refused_with_the_path() {
        let dir = TempDir::new("bad");
        let path = dir.0.join("seal.key");
        let good = key_file_text(&[7; 32]);

        write_with_mode(&path, &good, 0o644);
        let err = Seal::load_or_create(&path).expect_err("too open");
        assert!(matches!(err, SealError::Permissions { mode: 0o644, .. }), "{err}");
        assert!(err.to_string().contains(&path.display().to_string()));
        assert!(err.to_string().contains("chmod 600"));

        for (text, what) in [
            ("", "first line"),
            ("taawun-ed25519-secret-v2\n00\n", "first line"),
            ("taawun-ed25519-secret-v1\n", "missing"),
            ("taawun-ed25519-secret-v1\nabc\n", "64 hex"),
            (&format!("{good}more\n"), "after the seed"),
        ] {
            write_with_mode(&path, text, 0o600);
            let err = Seal::load_or_create(&path).expect_err("malformed");
            assert!(matches!(err, SealError::Malformed { .. }), "{err}");
            assert!(err.to_string().contains(what), "{err}");
            assert!(err.to_string().contains(&path.display().to_string()));
        }

        write_with_mode(&path, &good.replace('\n', "\r\n"), 0o600);
        let seal = Seal::load_or_create(&path).expect("CRLF is fine");
        assert_eq!(seal.public_key_hex(), Seal::from_seed(&[7; 32]).public_key_hex());
    }

    #[test]
    fn a_missing_directory_is_an_error_naming_the_path() {
        let dir = TempDir::new("nodir");
        let path = dir.0.join("absent").join("seal.key");
        let err = Seal::load_or_create(&path).expect_err("no directory");
        assert!(matches!(err, SealError::Create { .. }), "{err}");
        assert!(err.to_string().contains(&path.display().to_string()));
    }
}
