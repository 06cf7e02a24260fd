//! A CJK font for the charts.
//!
//! plotters draws PNG text through ab_glyph, which knows only the fonts
//! registered with it, so a system font that covers Chinese is found with
//! fontdb and registered once per process. SVG text names a CSS font stack
//! instead, so the reader's own CJK font draws it.

use plotters::style::FontStyle;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The family every chart's text uses. In SVG it is the CSS font stack; in
/// PNG it is the name the found font is registered under.
pub const FONT_STACK: &str = "Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, \
     WenQuanYi Micro Hei, PingFang SC, Hiragino Sans GB, Microsoft YaHei, sans-serif";

/// Families tried first, in order: simplified-Chinese faces before the
/// same collections' other locales, whose glyph forms differ.
const PREFERRED: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
];

/// Characters a face must have to count as a Chinese font.
const PROBE: &str = "微信淘宝支付工信部链接内测";

/// Set this to a font file to use it instead of searching the system.
pub const FONT_ENV: &str = "HUTONG_CJK_FONT";

/// No usable CJK font.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FontError {
    #[error(
        "no font with Chinese glyphs found on this system: install one \
         (Debian/Ubuntu: `apt-get install fonts-noto-cjk` or `apt-get install fonts-wqy-zenhei`) \
         or set {FONT_ENV} to a .ttf/.otf/.ttc file"
    )]
    NotFound,
    #[error("{path}: {what}")]
    Bad { path: String, what: String },
    #[error("the chart font {family} has no glyph for {ch:?} (in {text:?})")]
    MissingGlyph {
        family: String,
        ch: char,
        text: String,
    },
}

/// The font registered for the charts.
#[derive(Debug)]
pub struct CjkFont {
    /// Family name as the font file gives it.
    pub family: String,
    /// Where it was loaded from, when it came from a file.
    pub path: Option<PathBuf>,
    data: &'static [u8],
}

impl CjkFont {
    /// Fail when the font cannot draw every character of `text`, so a
    /// chart never shows empty boxes in place of glyphs.
    pub fn check_covers(&self, text: &str) -> Result<(), FontError> {
        use ab_glyph::Font;
        let font = ab_glyph::FontRef::try_from_slice(self.data).map_err(|e| FontError::Bad {
            path: self.family.clone(),
            what: e.to_string(),
        })?;
        for ch in text.chars() {
            if ch.is_whitespace() || ch.is_control() {
                continue;
            }
            if font.glyph_id(ch).0 == 0 {
                return Err(FontError::MissingGlyph {
                    family: self.family.clone(),
                    ch,
                    text: text.to_string(),
                });
            }
        }
        Ok(())
    }
}

impl CjkFont {
    /// `text` with every character the font cannot draw replaced by `?`,
    /// so one odd character in a name does not cost the whole chart.
    pub fn drawable(&self, text: &str) -> String {
        use ab_glyph::Font;
        match ab_glyph::FontRef::try_from_slice(self.data) {
            Ok(font) => text
                .chars()
                .map(|c| {
                    if c.is_whitespace() || font.glyph_id(c).0 != 0 {
                        c
                    } else {
                        '?'
                    }
                })
                .collect(),
            Err(_) => text.to_string(),
        }
    }
}

static FONT: OnceLock<Result<CjkFont, FontError>> = OnceLock::new();

/// Find a CJK font and register it with plotters (once per process).
pub fn cjk() -> Result<&'static CjkFont, FontError> {
    FONT.get_or_init(|| {
        let font = match std::env::var_os(FONT_ENV) {
            Some(p) if !p.is_empty() => from_file(PathBuf::from(p))?,
            _ => from_system()?,
        };
        for style in [FontStyle::Normal, FontStyle::Bold] {
            plotters::style::register_font(FONT_STACK, style, font.data).map_err(|_| {
                FontError::Bad {
                    path: font.family.clone(),
                    what: "plotters cannot read this font".to_string(),
                }
            })?;
        }
        Ok(font)
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn from_file(path: PathBuf) -> Result<CjkFont, FontError> {
    let bad = |what: String| FontError::Bad {
        path: path.display().to_string(),
        what,
    };
    let data = std::fs::read(&path).map_err(|e| bad(e.to_string()))?;
    let mut db = fontdb::Database::new();
    db.load_font_data(data.clone());
    let face = db
        .faces()
        .find(|f| covers(&data, f.index))
        .ok_or_else(|| bad(format!("no face in this file has the glyphs of {PROBE}")))?;
    let family = family_name(face);
    let index = face.index;
    let data = face_first(data, index).ok_or_else(|| bad("broken font collection".into()))?;
    Ok(CjkFont {
        family,
        path: Some(path.clone()),
        data: Box::leak(data.into_boxed_slice()),
    })
}

fn from_system() -> Result<CjkFont, FontError> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    // Preferred families first; then any proportional face that covers the
    // probe, in name order so that the choice does not depend on the order
    // the system lists fonts in.
    let mut candidates: Vec<&fontdb::FaceInfo> = Vec::new();
    for want in PREFERRED {
        let mut faces: Vec<&fontdb::FaceInfo> = db
            .faces()
            .filter(|f| f.families.iter().any(|(n, _)| n == want))
            .filter(|f| f.style == fontdb::Style::Normal && !f.monospaced)
            .collect();
        faces.sort_by_key(|f| (f.weight.0.abs_diff(400), f.index));
        candidates.extend(faces);
    }
    let mut rest: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|f| f.style == fontdb::Style::Normal && !f.monospaced)
        .collect();
    rest.sort_by(|a, b| {
        (family_name(a), a.weight.0.abs_diff(400), a.index).cmp(&(
            family_name(b),
            b.weight.0.abs_diff(400),
            b.index,
        ))
    });
    candidates.extend(rest);
    for face in candidates {
        let Some(data) = db.with_face_data(face.id, |d, _| d.to_vec()) else {
            continue;
        };
        if !covers(&data, face.index) {
            continue;
        }
        let Some(data) = face_first(data, face.index) else {
            continue;
        };
        let path = match &face.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => Some(p.clone()),
            fontdb::Source::Binary(_) => None,
        };
        return Ok(CjkFont {
            family: family_name(face),
            path,
            data: Box::leak(data.into_boxed_slice()),
        });
    }
    Err(FontError::NotFound)
}

fn family_name(face: &fontdb::FaceInfo) -> String {
    face.families
        .first()
        .map(|(n, _)| n.clone())
        .unwrap_or_else(|| face.post_script_name.clone())
}

fn covers(data: &[u8], index: u32) -> bool {
    use ab_glyph::Font;
    match ab_glyph::FontRef::try_from_slice_and_index(data, index) {
        Ok(f) => PROBE.chars().all(|c| f.glyph_id(c).0 != 0),
        Err(_) => false,
    }
}

/// plotters reads only the first face of a font collection, so make the
/// wanted face the first: a collection's header lists each face's table
/// directory by absolute offset, and swapping two entries leaves every
/// table where it was.
fn face_first(mut data: Vec<u8>, index: u32) -> Option<Vec<u8>> {
    if index == 0 {
        return Some(data);
    }
    if data.get(0..4) != Some(b"ttcf".as_slice()) {
        return None;
    }
    let count = u32::from_be_bytes(data.get(8..12)?.try_into().ok()?);
    if index >= count {
        return None;
    }
    let first = 12usize;
    let wanted = 12usize.checked_add((index as usize).checked_mul(4)?)?;
    let a: [u8; 4] = data.get(first..first + 4)?.try_into().ok()?;
    let b: [u8; 4] = data.get(wanted..wanted + 4)?.try_into().ok()?;
    data.get_mut(first..first + 4)?.copy_from_slice(&b);
    data.get_mut(wanted..wanted + 4)?.copy_from_slice(&a);
    Some(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn face_first_swaps_collection_offsets() {
        let mut ttc = b"ttcf".to_vec();
        ttc.extend_from_slice(&[0, 2, 0, 0]);
        ttc.extend_from_slice(&3u32.to_be_bytes());
        for off in [100u32, 200, 300] {
            ttc.extend_from_slice(&off.to_be_bytes());
        }
        let out = face_first(ttc.clone(), 2).unwrap();
        assert_eq!(out[12..16], 300u32.to_be_bytes());
        assert_eq!(out[20..24], 100u32.to_be_bytes());
        assert!(face_first(ttc.clone(), 3).is_none());
        assert!(face_first(b"OTTO".to_vec(), 1).is_none());
        assert_eq!(face_first(b"OTTO".to_vec(), 0).unwrap(), b"OTTO");
    }

    #[test]
    fn system_font_draws_chinese() {
        // Every machine that runs the tests has a CJK font installed (CI
        // installs one); without it this fails with the install hint.
        let f = cjk().unwrap_or_else(|e| panic!("{e}"));
        f.check_covers("微信支付 淘宝 工信部").unwrap();
        assert!(f.check_covers("\u{10FFFD}").is_err());
    }
}
