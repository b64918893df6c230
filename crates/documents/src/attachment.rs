//! Reading a file attached to one of our PDFs back out, without a PDF library.
//!
//! typst 0.15 attaches files with `#pdf.attach(path, ..)` (called `pdf.embed` up to 0.13). Its
//! PDF writer (krilla / pdf-writer) produces a classic cross-reference table and writes every
//! dictionary as plain text; only streams are compressed, with `/FlateDecode` (zlib) when that
//! saves space. An attachment is a file specification dictionary
//!
//! ```text
//! 12 0 obj << /Type /Filespec /F (taawun-extract.json) /UF (taawun-extract.json)
//!             /EF << /F 13 0 R /UF 13 0 R >> /Desc (..) >> endobj
//! 13 0 obj << /Type /EmbeddedFile /Filter /FlateDecode /Length 321 /Params << /Size 700 >> >>
//! stream ... endstream endobj
//! ```
//!
//! and the document catalog lists it in its name tree of embedded files:
//! `/Names << /EmbeddedFiles << /Names [(taawun-extract.json) 12 0 R] >> >>`.
//!
//! So [`extract_attachment`] follows the `startxref` offset to the cross-reference table(s) (and
//! `/Prev` ones, should a tool have appended an incremental update), goes from the trailer's
//! `/Root` to that name tree, takes the entry named as asked (or whose file specification's `/UF`
//! or `/F` is that name), and decodes the stream its `/EF` points to (no filter, `/FlateDecode`,
//! `/ASCIIHexDecode`, or a chain of these).
//!
//! Out of scope, by design: cross-reference *streams* and object streams (a PDF rewritten by
//! another tool may use them; ours never do), encryption, predictors. Such a PDF yields `None`,
//! like any bytes that are not a PDF. Every length and offset is checked, nesting and the number
//! of objects visited are bounded and decompression is capped, so hostile bytes give `None` in
//! bounded time, never a panic or a memory blow-up.

use std::collections::HashMap;

/// Largest attachment we agree to decompress.
const MAX_INFLATED_LEN: usize = 16 << 20;
/// Deepest nesting of arrays and dictionaries we parse.
const MAX_DEPTH: usize = 32;
/// Most cross-reference sections followed through `/Prev`.
const MAX_XREF_SECTIONS: usize = 64;
/// Most name tree nodes visited (ours have one).
const MAX_TREE_NODES: usize = 64;
/// Bytes an object (other than a stream's data) may span; a dictionary we read is a few hundred.
const MAX_OBJECT_LEN: usize = 1 << 20;

/// The bytes of the file attached as `name` to `pdf` (one produced by this crate; see the module
/// docs for what is supported), or `None` if there is no such attachment or the PDF is not
/// readable.
pub fn extract_attachment(pdf: &[u8], name: &str) -> Option<Vec<u8>> {
    let doc = Pdf::open(pdf)?;
    let catalog = doc.resolve(doc.root.clone())?;
    let names = doc.resolve(get(catalog.dict()?, b"Names")?.clone())?;
    let tree = doc.resolve(get(names.dict()?, b"EmbeddedFiles")?.clone())?;

    // Depth-first over the name tree, within a budget of nodes.
    let mut pending = vec![tree];
    let mut visited = 0;
    while let Some(node) = pending.pop() {
        visited += 1;
        if visited > MAX_TREE_NODES {
            return None;
        }
        let node = node.dict()?;
        if let Some(Obj::Array(pairs)) = get(node, b"Names") {
            for pair in pairs.chunks_exact(2) {
                let key_matches = pair[0].string().and_then(decode_text_string).as_deref() == Some(name);
                let Some(Obj::Dict(spec)) = doc.resolve(pair[1].clone()) else {
                    continue;
                };
                let spec_matches = [b"UF".as_slice(), b"F"].iter().any(|key| {
                    get(&spec, key)
                        .and_then(Obj::string)
                        .and_then(decode_text_string)
                        .as_deref()
                        == Some(name)
                });
                if key_matches || spec_matches {
                    return doc.embedded_file(&spec);
                }
            }
        }
        if let Some(Obj::Array(kids)) = get(node, b"Kids") {
            for kid in kids.iter().rev() {
                pending.push(doc.resolve(kid.clone())?);
            }
        }
    }
    None
}

/// A parsed PDF value. Strings and names are raw bytes (names with `#xx` decoded).
#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real,
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Vec<(Vec<u8>, Obj)>),
    Ref(u32, u16),
}

impl Obj {
    fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }

    fn string(&self) -> Option<&[u8]> {
        match self {
            Obj::Str(s) => Some(s),
            _ => None,
        }
    }

    fn dict(&self) -> Option<&[(Vec<u8>, Obj)]> {
        match self {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }
}

fn get<'d>(dict: &'d [(Vec<u8>, Obj)], key: &[u8]) -> Option<&'d Obj> {
    dict.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// A PDF string as text: UTF-16BE with a byte order mark, UTF-8 with one (PDF 2.0), or else
/// PDFDocEncoding, which agrees with ASCII (and Latin-1 for most letters) — enough for names.
fn decode_text_string(bytes: &[u8]) -> Option<String> {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        if utf16.len() % 2 != 0 {
            return None;
        }
        let units = utf16.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]]));
        return char::decode_utf16(units).collect::<Result<String, _>>().ok();
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(utf8.to_vec()).ok();
    }
    Some(bytes.iter().map(|&b| char::from(b)).collect())
}

struct Pdf<'a> {
    buf: &'a [u8],
    /// Object number → byte offset of its `N G obj` header.
    objects: HashMap<u32, usize>,
    /// The trailer's `/Root` (document catalog), from the newest section.
    root: Obj,
}

impl<'a> Pdf<'a> {
    fn open(buf: &'a [u8]) -> Option<Pdf<'a>> {
        if !buf.starts_with(b"%PDF-") {
            return None;
        }
        let startxref = rfind(buf, b"startxref")?;
        let mut lx = Lexer::at(buf, startxref + b"startxref".len());
        let mut offset = usize::try_from(lx.unsigned()?).ok()?;
        let mut objects = HashMap::new();
        let mut root = None;
        let mut seen = Vec::new();
        for _ in 0..MAX_XREF_SECTIONS {
            if seen.contains(&offset) {
                break;
            }
            seen.push(offset);
            let mut lx = Lexer::at(buf, offset);
            if !lx.keyword(b"xref") {
                // A cross-reference stream: not something we write.
                return None;
            }
            // Subsections `first count` then `count` entries `offset gen n|f`.
            loop {
                let save = lx.pos;
                let (Some(first), Some(count)) = (lx.unsigned(), lx.unsigned()) else {
                    lx.pos = save;
                    break;
                };
                // Each entry takes at least 18 bytes: refuse counts the file cannot hold.
                if count > (buf.len() / 18) as u64 {
                    return None;
                }
                for i in 0..count {
                    let at = lx.unsigned()?;
                    let _generation = lx.unsigned()?;
                    lx.skip_ws();
                    let kind = *buf.get(lx.pos)?;
                    lx.pos += 1;
                    let num = u32::try_from(first.checked_add(i)?).ok()?;
                    if kind == b'n' {
                        // The newest section comes first: it wins.
                        objects.entry(num).or_insert(usize::try_from(at).ok()?);
                    } else if kind != b'f' {
                        return None;
                    }
                }
            }
            if !lx.keyword(b"trailer") {
                return None;
            }
            let Obj::Dict(trailer) = lx.object(0)? else {
                return None;
            };
            if root.is_none() {
                root = get(&trailer, b"Root").cloned();
            }
            match get(&trailer, b"Prev") {
                Some(Obj::Int(prev)) => offset = usize::try_from(*prev).ok()?,
                _ => break,
            }
        }
        Some(Pdf {
            buf,
            objects,
            root: root?,
        })
    }

    /// A lexer just past `N G obj` of object `num`, checking the header names that object. It
    /// sees at most [`MAX_OBJECT_LEN`] bytes from there, which bounds the work per object.
    fn body(&self, num: u32) -> Option<Lexer<'a>> {
        let at = *self.objects.get(&num)?;
        let window = &self.buf[..self.buf.len().min(at.saturating_add(MAX_OBJECT_LEN))];
        let mut lx = Lexer::at(window, at);
        if lx.unsigned()? != u64::from(num) {
            return None;
        }
        lx.unsigned()?;
        lx.keyword(b"obj").then_some(lx)
    }

    fn object(&self, num: u32) -> Option<Obj> {
        self.body(num)?.object(0)
    }

    /// Follows one indirect reference (enough for what we read).
    fn resolve(&self, obj: Obj) -> Option<Obj> {
        match obj {
            Obj::Ref(num, _) => self.object(num),
            other => Some(other),
        }
    }

    /// The data of the embedded file a file specification points to.
    fn embedded_file(&self, spec: &[(Vec<u8>, Obj)]) -> Option<Vec<u8>> {
        let ef = self.resolve(get(spec, b"EF")?.clone())?;
        let Obj::Ref(stream, _) = get(ef.dict()?, b"F").or_else(|| get(ef.dict()?, b"UF"))? else {
            return None;
        };
        self.stream(*stream)
    }

    /// The decoded data of stream object `num`.
    fn stream(&self, num: u32) -> Option<Vec<u8>> {
        let mut lx = self.body(num)?;
        let Obj::Dict(dict) = lx.object(0)? else {
            return None;
        };
        if !lx.keyword(b"stream") {
            return None;
        }
        // `stream` is followed by CRLF or LF, then the data.
        match self.buf.get(lx.pos..lx.pos + 2)? {
            [b'\r', b'\n'] => lx.pos += 2,
            [b'\n', _] => lx.pos += 1,
            _ => return None,
        }
        let Obj::Int(len) = self.resolve(get(&dict, b"Length")?.clone())? else {
            return None;
        };
        let len = usize::try_from(len).ok()?;
        let data = self.buf.get(lx.pos..lx.pos.checked_add(len)?)?;
        if get(&dict, b"DecodeParms").is_some_and(|p| *p != Obj::Null) {
            return None;
        }
        let filters = match get(&dict, b"Filter") {
            None | Some(Obj::Null) => Vec::new(),
            Some(Obj::Name(f)) => vec![f.clone()],
            Some(Obj::Array(fs)) => fs
                .iter()
                .map(|f| f.name().map(<[u8]>::to_vec))
                .collect::<Option<_>>()?,
            Some(_) => return None,
        };
        let mut data = data.to_vec();
        for filter in filters {
            data = match filter.as_slice() {
                b"FlateDecode" => {
                    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&data, MAX_INFLATED_LEN).ok()?
                }
                b"ASCIIHexDecode" => ascii_hex_decode(&data)?,
                _ => return None,
            };
        }
        Some(data)
    }
}

fn ascii_hex_decode(data: &[u8]) -> Option<Vec<u8>> {
    let mut digits = Vec::with_capacity(data.len());
    for &b in data {
        match b {
            b'>' => break,
            b if is_ws(b) => {}
            b => digits.push(char::from(b).to_digit(16)? as u8),
        }
    }
    if digits.len() % 2 == 1 {
        digits.push(0);
    }
    Some(digits.chunks_exact(2).map(|p| p[0] << 4 | p[1]).collect())
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A tokenizer for the object syntax of PDF (ISO 32000 §7.2–7.3), over a byte slice.
struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn at(buf: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { buf, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if is_ws(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Consumes `word` if it comes next as a whole token.
    fn keyword(&mut self, word: &[u8]) -> bool {
        self.skip_ws();
        let end = self.pos + word.len();
        if self.buf.get(self.pos..end) == Some(word)
            && self.buf.get(end).is_none_or(|&b| is_ws(b) || is_delim(b))
        {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn unsigned(&mut self) -> Option<u64> {
        self.skip_ws();
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(b) = self.peek().filter(u8::is_ascii_digit) {
            value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            self.pos += 1;
        }
        (self.pos > start).then_some(value)
    }

    fn object(&mut self, depth: usize) -> Option<Obj> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        match self.peek()? {
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut entries = Vec::new();
                loop {
                    self.skip_ws();
                    if self.buf.get(self.pos..self.pos + 2) == Some(b">>") {
                        self.pos += 2;
                        return Some(Obj::Dict(entries));
                    }
                    let Obj::Name(key) = self.object(depth + 1)? else {
                        return None;
                    };
                    let value = self.object(depth + 1)?;
                    entries.push((key, value));
                }
            }
            b'<' => {
                self.pos += 1;
                let end = self.pos + self.buf.get(self.pos..)?.iter().position(|&b| b == b'>')?;
                let bytes = ascii_hex_decode(&self.buf[self.pos..end])?;
                self.pos = end + 1;
                Some(Obj::Str(bytes))
            }
            b'(' => self.literal_string().map(Obj::Str),
            b'/' => {
                self.pos += 1;
                let mut name = Vec::new();
                while let Some(b) = self.peek().filter(|&b| !is_ws(b) && !is_delim(b)) {
                    self.pos += 1;
                    if b == b'#' {
                        let hex = self.buf.get(self.pos..self.pos + 2)?;
                        let hex = std::str::from_utf8(hex).ok()?;
                        name.push(u8::from_str_radix(hex, 16).ok()?);
                        self.pos += 2;
                    } else {
                        name.push(b);
                    }
                }
                Some(Obj::Name(name))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.peek()? == b']' {
                        self.pos += 1;
                        return Some(Obj::Array(items));
                    }
                    items.push(self.object(depth + 1)?);
                }
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number_or_ref(),
            _ => {
                if self.keyword(b"null") {
                    Some(Obj::Null)
                } else if self.keyword(b"true") {
                    Some(Obj::Bool(true))
                } else if self.keyword(b"false") {
                    Some(Obj::Bool(false))
                } else {
                    None
                }
            }
        }
    }

    fn number_or_ref(&mut self) -> Option<Obj> {
        let start = self.pos;
        let mut end = start;
        while self
            .buf
            .get(end)
            .is_some_and(|&b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.'))
        {
            end += 1;
        }
        let token = std::str::from_utf8(&self.buf[start..end]).ok()?;
        self.pos = end;
        let Ok(int) = token.parse::<i64>() else {
            return token.parse::<f64>().is_ok().then_some(Obj::Real);
        };
        // `N G R` is a reference; otherwise the integer stands alone.
        if let (Ok(num), true) = (u32::try_from(int), token.bytes().all(|b| b.is_ascii_digit())) {
            let save = self.pos;
            if let Some(generation) = self.unsigned().and_then(|g| u16::try_from(g).ok())
                && self.keyword(b"R")
            {
                return Some(Obj::Ref(num, generation));
            }
            self.pos = save;
        }
        Some(Obj::Int(int))
    }

    /// A `( .. )` string: balanced parentheses, backslash escapes, line ends normalised.
    fn literal_string(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut nesting = 0usize;
        loop {
            let b = self.peek()?;
            self.pos += 1;
            match b {
                b'(' => {
                    nesting += 1;
                    out.push(b);
                }
                b')' if nesting == 0 => return Some(out),
                b')' => {
                    nesting -= 1;
                    out.push(b);
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let e = self.peek()?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0C),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((value & 0xFF) as u8);
                        }
                        // A backslash before a line end continues the string on the next line.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written PDF with a classic xref table: `objects` are bodies numbered from 1.
    fn handmade_pdf(objects: &[&[u8]]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            pdf.extend_from_slice(body);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes());
        for offset in offsets {
            pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        pdf.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        pdf
    }

    #[test]
    fn reads_plain_hex_and_deflated_streams_by_name() {
        let json = br#"{"code":"K7M2Q9","n":"(x)"}"#;
        let deflated = miniz_oxide::deflate::compress_to_vec_zlib(json, 6);
        let mut flate_stream = format!(
            "<< /Type /EmbeddedFile /Filter [/FlateDecode] /Length {} >>\nstream\n",
            deflated.len()
        )
        .into_bytes();
        flate_stream.extend_from_slice(&deflated);
        flate_stream.extend_from_slice(b"\nendstream");
        let pdf = handmade_pdf(&[
            b"<< /Type /Catalog /Names << /EmbeddedFiles 9 0 R >> >>",
            // Name as a UTF-16 text string in /UF, a different legacy /F.
            b"<< /Type /Filespec /F (legacy.json) /UF <FEFF0064006100740061002E006A0073006F006E> \
              /EF << /F 3 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length 6 /Filter /ASCIIHexDecode >>\nstream\n7B7D0A>\nendstream",
            b"<< /Type /Filespec /F (taawun\\055extract.json) /EF << /F 5 0 R /UF 5 0 R >> >>",
            &flate_stream,
            b"<< /Type /Filespec /F (plain.txt) /EF 10 0 R /Desc (a \\(nested\\) one) >>",
            b"<< /Length 8 0 R >>\r\nstream\r\nhello\nendstream",
            b"5",
            // The name tree: a root with two kids, one of them holding two entries.
            b"<< /Kids [11 0 R 12 0 R] >>",
            b"<< /F 7 0 R >>",
            b"<< /Names [(data.json) 2 0 R (taawun-extract.json) 4 0 R] >>",
            b"<</Names[<706C61696E2E747874>6 0 R]>>",
        ]);
        assert_eq!(
            extract_attachment(&pdf, "taawun-extract.json").as_deref(),
            Some(json.as_slice())
        );
        assert_eq!(
            extract_attachment(&pdf, "data.json").as_deref(),
            Some(b"{}\n".as_slice())
        );
        assert_eq!(
            extract_attachment(&pdf, "legacy.json").as_deref(),
            Some(b"{}\n".as_slice())
        );
        assert_eq!(
            extract_attachment(&pdf, "plain.txt").as_deref(),
            Some(b"hello".as_slice())
        );
        assert_eq!(extract_attachment(&pdf, "other.json"), None);
    }

    #[test]
    fn lies_and_truncations_give_none() {
        let pdf = handmade_pdf(&[
            b"<< /Type /Catalog /Names << /EmbeddedFiles << /Names [(a) 2 0 R (b) 4 0 R (c) 6 0 R (d) 8 0 R] >> >> >>",
            b"<< /Type /Filespec /F (a) /EF << /F 3 0 R >> >>",
            b"<< /Length 999999 >>\nstream\nabc\nendstream",
            b"<< /Type /Filespec /F (b) /EF << /F 5 0 R >> >>",
            b"<< /Length 3 /Filter /FlateDecode >>\nstream\nabc\nendstream",
            b"<< /Type /Filespec /F (c) /EF << /F 7 0 R >> >>",
            b"<< /Length 3 /Filter /LZWDecode >>\nstream\nabc\nendstream",
            b"<< /Type /Filespec /F (d) /EF << /F 99 0 R >> >>",
        ]);
        for name in ["a", "b", "c", "d", "e"] {
            assert_eq!(extract_attachment(&pdf, name), None, "{name}");
        }
        for cut in [0, 5, pdf.len() / 2, pdf.len() - 10] {
            let _ = extract_attachment(&pdf[..cut], "a");
        }
        assert_eq!(extract_attachment(b"not a pdf", "a"), None);
        // Deep nesting is refused, not a stack overflow.
        let deep = format!(
            "<< /Names << /EmbeddedFiles << /K {} >> >> >>",
            "[".repeat(100_000)
        );
        assert_eq!(extract_attachment(&handmade_pdf(&[deep.as_bytes()]), "x"), None);
        // A name tree whose kids point back at itself ends, within the node budget.
        let cycle = handmade_pdf(&[
            b"<< /Names << /EmbeddedFiles 2 0 R >> >>",
            b"<< /Kids [2 0 R 2 0 R] >>",
        ]);
        assert_eq!(extract_attachment(&cycle, "x"), None);
    }
}
