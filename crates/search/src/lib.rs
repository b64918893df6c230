//! Arabic/Latin name normalisation, transliteration and matching (in progress).
