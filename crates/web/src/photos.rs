//! Product photos made light: a photo from a phone (JPEG or PNG, recognised by its content) is
//! decoded, reduced so that its longest side is at most [`MAX_SIDE`] pixels, and re-encoded as
//! JPEG, with a thumbnail of at most [`THUMB_SIDE`] pixels for lists. What is stored and served
//! is always an image this code wrote, never the uploaded bytes.

use std::{
    io::Cursor,
    sync::atomic::{AtomicU64, Ordering},
};

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, codecs::jpeg::JpegEncoder,
    imageops::FilterType, metadata::Orientation,
};
use taawun_domain::{ValidationError, ValidationErrors};
use tokio::sync::Semaphore;

use crate::{AppError, AppResult};

/// Largest upload: a phone's photo as taken (the stored result is far smaller).
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Longest side of the stored picture, in pixels: sharp on a phone, light on a bad connection.
pub const MAX_SIDE: u32 = 800;
/// Longest side of the thumbnail shown in lists.
pub const THUMB_SIDE: u32 = 240;
/// Most pixels a photo may have, read from its header before anything is decoded: a 24-megapixel
/// phone photo (6000 × 4000) passes. The bytes say nothing about the memory a picture takes once
/// decoded — an 8000 × 8000 PNG of one colour is 250 KB compressed and 256 MB decoded — so the
/// pixels are what is bounded; decoding this many takes about 100 MB.
pub const MAX_PIXELS: u64 = 24_000_000;
/// The decoder's own allocation bound, a second guard should a header understate what it holds:
/// the largest accepted picture in RGBA, with room for the decoder's buffers.
const MAX_DECODED_BYTES: u64 = MAX_PIXELS * 4 + 16 * 1024 * 1024;
/// Longest side accepted: within the pixel budget a picture could still be a line of millions
/// of pixels, which no photo is and which the resizing would turn into nothing.
const MAX_DECODED_SIDE: u32 = 12_000;
const QUALITY: u8 = 80;

/// A photo resized and re-encoded, ready to store.
#[derive(Debug)]
pub struct Resized {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// This process's photo decoding: at most a few photos at once, each off the async threads,
/// because a decoded photo holds every pixel in memory; the others wait their turn.
#[derive(Debug)]
pub struct Photos {
    permits: Semaphore,
    decoded: AtomicU64,
}

impl Photos {
    /// Decodes at most `at_once` photos at a time.
    pub fn new(at_once: usize) -> Self {
        Self {
            permits: Semaphore::new(at_once.max(1)),
            decoded: AtomicU64::new(0),
        }
    }

    /// How many photos this process began to decode: lets the tests see that a refused photo
    /// was refused from its header alone.
    pub fn decoded(&self) -> u64 {
        self.decoded.load(Ordering::Relaxed)
    }

    /// The resized photo, or `None` with the reason pushed to `errors` for the `photo` field
    /// (see [`check`] and [`resize`]). The header is read first, so a photo that is not JPEG or
    /// PNG, or has too many pixels, is refused before waiting for a turn or decoding anything.
    pub async fn resize(&self, bytes: Vec<u8>, errors: &mut ValidationErrors) -> AppResult<Option<Resized>> {
        if let Err(e) = check(&bytes) {
            errors.push(e);
            return Ok(None);
        }
        let _turn = self
            .permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(format!("photo decoding: {e}")))?;
        self.decoded.fetch_add(1, Ordering::Relaxed);
        // Decoding and resizing take a core for a moment: off the async threads.
        let resized = tokio::task::spawn_blocking(move || resize(&bytes))
            .await
            .map_err(|e| AppError::Internal(format!("photo resizing: {e}")))?;
        match resized {
            Ok(r) => Ok(Some(r)),
            Err(e) => {
                errors.push(e);
                Ok(None)
            }
        }
    }
}

/// The photo's format and dimensions, from its header alone (nothing is decoded), or the refusal
/// for the `photo` field: `photo_type` when the content is neither JPEG nor PNG,
/// `photo_unreadable` when the header cannot be read, `photo_too_large` (with the picture's
/// `width`, `height` and the `max` megapixels) when it has more than [`MAX_PIXELS`].
pub fn check(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), ValidationError> {
    let format = match taawun_domain::register::sniff_type(bytes) {
        Some("image/jpeg") => ImageFormat::Jpeg,
        Some("image/png") => ImageFormat::Png,
        _ => return Err(ValidationError::new("photo", "photo_type")),
    };
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| ValidationError::new("photo", "photo_unreadable"))?;
    within_budget(width, height)?;
    Ok((format, width, height))
}

fn within_budget(width: u32, height: u32) -> Result<(), ValidationError> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width.max(height) > MAX_DECODED_SIDE {
        return Err(ValidationError::new("photo", "photo_too_large")
            .with_arg("width", width)
            .with_arg("height", height)
            .with_arg("max", MAX_PIXELS / 1_000_000));
    }
    Ok(())
}

/// Resizes an uploaded photo; on refusal, the error for the `photo` field (see [`check`]; also
/// `photo_unreadable` when the pixels cannot be decoded: truncated, corrupt). CPU-bound and
/// memory-hungry: call it through [`Photos::resize`], which bounds how many run at once.
pub fn resize(bytes: &[u8]) -> Result<Resized, ValidationError> {
    let unreadable = |_| ValidationError::new("photo", "photo_unreadable");
    let (format, _, _) = check(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    // The decoder's own reading of the header decides what is allocated: checked again here,
    // before any pixel buffer exists.
    let (width, height) = decoder.dimensions();
    within_budget(width, height)?;
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err(ValidationError::new("photo", "photo_unreadable"));
    }
    // Phones store a picture as the sensor saw it and say in its EXIF data how to turn it; the
    // JPEG written below carries no EXIF, so the turn is applied to the pixels.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    let picture = if image.width().max(image.height()) > MAX_SIDE {
        image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
    } else {
        image
    };
    let thumb = picture.thumbnail(THUMB_SIDE, THUMB_SIDE);
    let picture = flatten(&picture);
    let thumb = flatten(&thumb);
    Ok(Resized {
        width: picture.width(),
        height: picture.height(),
        bytes: jpeg(&picture)?,
        thumb: jpeg(&thumb)?,
    })
}

/// RGB on a white background: JPEG has no transparency, and a transparent PNG's hidden pixels
/// would otherwise show (often black).
fn flatten(image: &DynamicImage) -> RgbImage {
    let rgba = image.to_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = u32::from(p[3]);
        let mix = |c: u8| ((u32::from(c) * a + 255 * (255 - a)) / 255) as u8;
        out.put_pixel(x, y, image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])]));
    }
    out
}

fn jpeg(image: &RgbImage) -> Result<Vec<u8>, ValidationError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(image)
        .map_err(|_| ValidationError::new("photo", "photo_unreadable"))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut img = image::RgbaImage::new(width, height);
        for (x, y, p) in img.enumerate_pixels_mut() {
            *p = image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, if x < 10 { 0 } else { 255 }]);
        }
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(img)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap_or_else(|e| panic!("{e}"));
        out
    }

    #[test]
    fn a_large_photo_becomes_a_light_jpeg_and_a_thumbnail() {
        let r = resize(&png(1600, 1000)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((r.width, r.height), (800, 500));
        assert!(r.bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
        let thumb = image::load_from_memory(&r.thumb).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((thumb.width(), thumb.height()), (240, 150));
        assert!(r.thumb.len() < r.bytes.len());
    }

    #[test]
    fn a_small_photo_keeps_its_size() {
        let r = resize(&png(300, 200)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((r.width, r.height), (300, 200));
    }

    #[test]
    fn a_phone_photo_is_turned_as_its_exif_says() {
        // A 40 × 20 JPEG whose EXIF orientation (6) says: turn 90° clockwise to show it.
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 80)
            .encode_image(&RgbImage::new(40, 20))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
        let mut app1 = vec![0xFF, 0xE1, 0, (exif.len() + 2) as u8];
        app1.append(&mut exif);
        jpeg.splice(2..2, app1);
        let r = resize(&jpeg).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((r.width, r.height), (20, 40));
    }

    #[test]
    fn content_not_name_decides() {
        let code = |bytes: &[u8]| resize(bytes).err().map(|e| e.code);
        assert_eq!(code(b"<svg onload=alert(1)>"), Some("photo_type"));
        assert_eq!(code(b"%PDF-1.7"), Some("photo_type"));
        // A PNG signature with nothing behind it.
        assert_eq!(code(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("photo_unreadable"));
        let mut cut = png(100, 100);
        cut.truncate(cut.len() / 2);
        assert_eq!(code(&cut), Some("photo_unreadable"));
    }

    /// A PNG whose header says `width` × `height` and whose pixels are cut short: what it
    /// holds cannot matter, since only its header may be read.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut full = png(1, 1);
        // The IHDR chunk's data starts after the 8-byte signature, its length and its type.
        full[16..20].copy_from_slice(&width.to_be_bytes());
        full[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&full[12..29]);
        full[29..33].copy_from_slice(&crc.to_be_bytes());
        full
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn too_many_pixels_are_refused_from_the_header() {
        for (w, h) in [(8000, 8000), (6001, 4000), (20_000, 1000)] {
            let e = check(&png_header(w, h))
                .err()
                .unwrap_or_else(|| panic!("{w}×{h} accepted"));
            assert_eq!((e.field, e.code), ("photo", "photo_too_large"));
            assert!(e.args.contains(&("width", w.to_string())), "{:?}", e.args);
            assert_eq!(
                resize(&png_header(w, h)).err().map(|e| e.code),
                Some("photo_too_large")
            );
        }
        // A 24-megapixel phone photo's header passes (its pixels, cut short here, do not).
        assert_eq!(
            check(&png_header(6000, 4000)).ok().map(|(_, w, h)| (w, h)),
            Some((6000, 4000))
        );
    }
}
