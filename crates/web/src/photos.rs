//! Product photos made light: a photo from a phone (JPEG or PNG, recognised by its content) is
//! decoded, reduced so that its longest side is at most [`MAX_SIDE`] pixels, and re-encoded as
//! JPEG, with a thumbnail of at most [`THUMB_SIDE`] pixels for lists. What is stored and served
//! is always an image this code wrote, never the uploaded bytes.

use std::io::Cursor;

use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage, codecs::jpeg::JpegEncoder,
    imageops::FilterType, metadata::Orientation,
};

/// Largest upload: a phone's photo as taken (the stored result is far smaller).
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Longest side of the stored picture, in pixels: sharp on a phone, light on a bad connection.
pub const MAX_SIDE: u32 = 800;
/// Longest side of the thumbnail shown in lists.
pub const THUMB_SIDE: u32 = 240;
/// Largest picture accepted before decoding, per side: a guard against images that declare
/// enormous sizes to exhaust memory (decompression bombs).
const MAX_DECODED_SIDE: u32 = 12_000;
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
const QUALITY: u8 = 80;

/// A photo resized and re-encoded, ready to store.
#[derive(Debug)]
pub struct Resized {
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// Resizes an uploaded photo; on refusal, the rule code for the `photo` field: `photo_type` when
/// the content is neither JPEG nor PNG, `photo_unreadable` when it says it is but cannot be
/// decoded (truncated, corrupt, absurd dimensions). CPU-bound: call it off the async threads.
pub fn resize(bytes: &[u8]) -> Result<Resized, &'static str> {
    let format = match taawun_domain::register::sniff_type(bytes) {
        Some("image/jpeg") => ImageFormat::Jpeg,
        Some("image/png") => ImageFormat::Png,
        _ => return Err("photo_type"),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| "photo_unreadable")?;
    // The dimensions were checked against the limits; the buffer they need is checked here,
    // before anything is allocated for the pixels.
    if decoder.total_bytes() > MAX_DECODED_BYTES {
        return Err("photo_unreadable");
    }
    // Phones store a picture as the sensor saw it and say in its EXIF data how to turn it; the
    // JPEG written below carries no EXIF, so the turn is applied to the pixels.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|_| "photo_unreadable")?;
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

fn jpeg(image: &RgbImage) -> Result<Vec<u8>, &'static str> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(image)
        .map_err(|_| "photo_unreadable")?;
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
        assert_eq!(resize(b"<svg onload=alert(1)>").err(), Some("photo_type"));
        assert_eq!(resize(b"%PDF-1.7").err(), Some("photo_type"));
        // A PNG signature with nothing behind it.
        assert_eq!(
            resize(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").err(),
            Some("photo_unreadable")
        );
        let mut cut = png(100, 100);
        cut.truncate(cut.len() / 2);
        assert_eq!(resize(&cut).err(), Some("photo_unreadable"));
    }
}
