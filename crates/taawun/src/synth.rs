//! Synthetic registry generator: `taawun synth --count N [--seed S]`.
//!
//! Produces rows of the import CSV (`IMPORT_COLUMNS`) that look like Morocco's cooperative
//! register: real HCP territorial codes, regions and sectors weighted like the real
//! distribution, names in Arabic and French built from real naming patterns (with the
//! transliteration variants a name matcher must cope with), women's cooperatives, unions,
//! pre-existing cooperatives and their adaptation to Law 112-12, and historical entries.
//!
//! Every row is drawn from its own pseudo-random stream derived from `(seed, index)`, so the
//! output is deterministic for a seed and `records(n, s)` is a prefix of `records(m, s)`.

use std::{
    collections::HashMap,
    io::{self, Write},
    sync::LazyLock,
};

use taawun_domain::{CourtCode, IMPORT_COLUMNS, RawCooperative, SECTORS};

/// Writes `count` synthetic registry rows as the import CSV (header = IMPORT_COLUMNS) to `out`.
pub fn write_csv<W: Write>(out: W, count: usize, seed: u64) -> io::Result<()> {
    // The header is written explicitly so that it is there even for `count == 0`.
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(out);
    writer.write_record(IMPORT_COLUMNS)?;
    for raw in records(count, seed) {
        writer.serialize(&raw)?;
    }
    writer.flush()
}

/// The same rows as values (for `serve --demo` and tests).
pub fn records(count: usize, seed: u64) -> impl Iterator<Item = RawCooperative> {
    let territory: &'static Territory = &TERRITORY;
    (0..count).map(move |index| row(territory, seed, index))
}

// ---------------------------------------------------------------------------------------------
// Pseudo-random numbers: SplitMix64, one stream per row.

struct Rng(u64);

fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    fn for_row(seed: u64, index: u64) -> Self {
        Self(
            mix64(seed ^ 0x5EED_7AA3_0000_0000)
                .wrapping_add(mix64(index.wrapping_add(0x243F_6A88_85A3_08D3))),
        )
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Index drawn with the given (non-negative) weights.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.f64() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.f64();
        let u2 = self.f64();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

// ---------------------------------------------------------------------------------------------
// Territory: the real HCP codes.

const PROVINCES_CSV: &str = include_str!("../../store/data/territory/provinces.csv");
const COMMUNES_CSV: &str = include_str!("../../store/data/territory/communes.csv");
const COURTS_CSV: &str = include_str!("../../store/data/territory/courts.csv");

/// Approximate share (%) of Moroccan cooperatives by region, 01 … 12.
const REGION_WEIGHTS: [f64; 12] = [8.0, 8.0, 11.0, 8.0, 9.0, 9.0, 13.0, 6.0, 12.0, 7.0, 6.0, 3.0];

/// Provinces and prefectures with a sea coast (artisanal fishing, seaweed, aquaculture).
const COASTAL_PROVINCES: &[&str] = &[
    "01.511", "01.573", "01.571", "01.227", "01.331", "01.051", "01.151", "02.381", "02.167", "02.113",
    "04.421", "04.441", "04.501", "04.281", "06.141", "06.371", "06.181", "06.111", "06.385", "06.467",
    "07.211", "07.431", "09.001", "09.273", "09.163", "09.581", "10.261", "10.521", "10.473", "11.321",
    "11.121", "11.537", "12.391", "12.066",
];

struct Province {
    code: String,
    name_fr: String,
    name_ar: String,
    /// Weight of each entry of `SECTORS` for a cooperative of this province.
    sector_weights: Vec<f64>,
}

struct Commune {
    code: String,
    province: usize,
    urban: bool,
    name_fr: String,
    name_ar: String,
    court_code: String,
}

struct Territory {
    provinces: Vec<Province>,
    /// Communes of each region, index 0 = region 01.
    regions: Vec<Vec<Commune>>,
    /// Branch weights, per region (index 0 = 01), per entry of `SECTORS`.
    branch_weights: Vec<Vec<Vec<f64>>>,
}

static TERRITORY: LazyLock<Territory> = LazyLock::new(Territory::load);

/// The named columns of an embedded CSV table, as strings ("" for a missing column).
fn read_table(src: &str, columns: &[&str]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let index: Vec<Option<usize>> = columns
        .iter()
        .map(|c| headers.iter().position(|h| h == *c))
        .collect();
    reader
        .records()
        .filter_map(Result::ok)
        .map(|record| {
            index
                .iter()
                .map(|i| i.and_then(|i| record.get(i)).unwrap_or("").to_string())
                .collect()
        })
        .collect()
}

fn region_number(code: &str) -> Option<usize> {
    code.get(..2)?
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=12).contains(n))
}

impl Territory {
    fn load() -> Self {
        let mut provinces = Vec::new();
        let mut province_index = HashMap::new();
        for row in read_table(PROVINCES_CSV, &["code", "region_code", "name_fr", "name_ar"]) {
            let [code, region, name_fr, name_ar] = <[String; 4]>::try_from(row).unwrap_or_default();
            let Some(region) = region_number(&region) else {
                continue;
            };
            let coastal = COASTAL_PROVINCES.contains(&code.as_str());
            let sector_weights = SECTORS
                .iter()
                .map(|(sector, _)| sector_weight(sector, region, &code, coastal))
                .collect();
            province_index.insert(code.clone(), provinces.len());
            provinces.push(Province {
                code,
                name_fr,
                name_ar,
                sector_weights,
            });
        }

        // Courts of first instance by the province of their seat.
        let mut courts: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for row in read_table(
            COURTS_CSV,
            &["city_fr", "city_commune_code", "seat_province_code"],
        ) {
            let [city_fr, commune, province] = <[String; 3]>::try_from(row).unwrap_or_default();
            if city_fr.is_empty() {
                continue;
            }
            let code = CourtCode::from_city(&city_fr).as_str().to_string();
            courts.entry(province).or_default().push((commune, code));
        }

        let mut regions: Vec<Vec<Commune>> = (0..12).map(|_| Vec::new()).collect();
        for row in read_table(
            COMMUNES_CSV,
            &["code", "province_code", "kind", "name_fr", "name_ar"],
        ) {
            let [code, province_code, kind, name_fr, name_ar] =
                <[String; 5]>::try_from(row).unwrap_or_default();
            let Some(&province) = province_index.get(&province_code) else {
                continue;
            };
            let Some(region) = region_number(&province_code) else {
                continue;
            };
            if name_fr.is_empty() || name_ar.is_empty() {
                continue;
            }
            // The court whose seat is this commune, else a stable choice among the courts seated
            // in the province, else none known.
            let court_code = match courts.get(&province_code) {
                Some(list) if !list.is_empty() => list
                    .iter()
                    .find(|(seat, _)| *seat == code)
                    .unwrap_or(
                        &list[(mix64(
                            code.bytes()
                                .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))),
                        ) as usize)
                            % list.len()],
                    )
                    .1
                    .clone(),
                _ => String::new(),
            };
            regions[region - 1].push(Commune {
                code,
                province,
                urban: kind == "urban",
                name_fr,
                name_ar,
                court_code,
            });
        }

        let branch_weights = (1..=12)
            .map(|region| {
                SECTORS
                    .iter()
                    .map(|(_, branches)| branches.iter().map(|b| branch_weight(b, region)).collect())
                    .collect()
            })
            .collect();
        Self {
            provinces,
            regions,
            branch_weights,
        }
    }
}

/// Relative weight (≈ % nationally) of a sector for a cooperative of `province`.
fn sector_weight(sector: &str, region: usize, province: &str, coastal: bool) -> f64 {
    match sector {
        "agriculture" => match region {
            11 | 12 => 40.0,
            _ => 60.0,
        },
        "handicraft" => 15.0,
        // Argan: the Souss, Essaouira–Chichaoua and Guelmim–Sidi Ifni arganeraie.
        "argan" => match region {
            9 => 28.0,
            10 => 15.0,
            7 if matches!(province, "07.211" | "07.161") => 20.0,
            7 => 3.0,
            _ => 0.3,
        },
        "food_processing" => 4.0,
        "housing" => match region {
            4 | 6 => 8.0,
            _ => 3.5,
        },
        "aromatic_plants" => match region {
            8 => 6.0,
            _ => 3.0,
        },
        "fishing" if coastal => match region {
            11 | 12 => 18.0,
            _ => 3.0,
        },
        "fishing" => 0.0,
        "forestry" => match region {
            1 | 3 | 5 => 3.5,
            _ => 1.5,
        },
        "services" => 2.0,
        "consumption" => 0.8,
        "transport" => 0.8,
        "tourism" => match region {
            7 | 8 => 1.5,
            _ => 0.6,
        },
        "trade" => 0.5,
        "mining" => 0.4,
        _ => 0.3,
    }
}

/// Relative weight of a branch within its sector, in a region.
fn branch_weight(branch: &str, region: usize) -> f64 {
    match branch {
        "dairy" => match region {
            3..=6 | 1 => 22.0,
            11 | 12 => 3.0,
            _ => 10.0,
        },
        "livestock" => match region {
            8 | 10..=12 => 35.0,
            _ => 20.0,
        },
        "beekeeping" => 12.0,
        "dates" => match region {
            8 => 30.0,
            10 => 10.0,
            9 | 2 => 5.0,
            _ => 0.0,
        },
        "olives" => match region {
            3 | 7 => 18.0,
            1 | 2 | 5 => 10.0,
            11 | 12 => 0.5,
            _ => 5.0,
        },
        "cereals" => match region {
            3 | 4 | 6 => 12.0,
            _ => 5.0,
        },
        "saffron" => match region {
            9 => 8.0,
            8 => 4.0,
            _ => 0.2,
        },
        "cactus" => match region {
            10 => 10.0,
            7 => 4.0,
            _ => 1.0,
        },
        "vegetables" => match region {
            12 => 20.0,
            _ => 10.0,
        },
        "water_use" => 3.0,
        "argan_oil" => 80.0,
        "argan_cosmetics" => 20.0,
        "aromatic_medicinal" => 70.0,
        "rose" => match region {
            8 => 60.0,
            _ => 10.0,
        },
        "henna" => 10.0,
        // In Drâa-Tafilalet textile is 70% of handicraft cooperatives (the seeds' figure).
        "weaving_textile" => match region {
            8 => 70.0,
            _ => 30.0,
        },
        "carpets" => 20.0,
        "embroidery_sewing" => 20.0,
        "pottery" => match region {
            8 => 1.5,
            _ => 5.0,
        },
        "leather" => 4.0,
        "wood" => 5.0,
        "basketry" => 5.0,
        "jewelry" => 4.0,
        "haik" => 3.0,
        "couscous_pasta" => 45.0,
        "pastry" => 20.0,
        "honey_products" => 15.0,
        "preserves" => 20.0,
        "artisanal_fishing" => 70.0,
        "seaweed" => 20.0,
        "aquaculture" => 10.0,
        "forest_products" => 60.0,
        "charcoal" => 15.0,
        "mushrooms" => 25.0,
        "literacy_training" => 35.0,
        "management_services" => 40.0,
        "recycling" => 25.0,
        "quarry" => 60.0,
        "mining" => 40.0,
        _ => 10.0,
    }
}

/// Chance that a cooperative of the sector is a women's cooperative.
fn women_share(sector: &str) -> f64 {
    match sector {
        "argan" => 0.8,
        "food_processing" => 0.55,
        "handicraft" => 0.4,
        "aromatic_plants" => 0.3,
        "services" => 0.2,
        "agriculture" => 0.18,
        _ => 0.05,
    }
}

// ---------------------------------------------------------------------------------------------
// Names.

/// Distinctive words of the Arabic-virtue kind («النور», «الأمل»): Arabic, then French
/// transliterations, the usual one first.
const WORDS_ARABIC: &[(&str, &[&str])] = &[
    ("النور", &["Annour", "Ennour", "Al Nour", "Nour"]),
    ("الأمل", &["Al Amal", "El Amal", "Amal", "Alamal"]),
    ("الخير", &["Al Khair", "El Khair", "Al Kheir", "Elkhir"]),
    ("الوفاء", &["El Wafae", "Al Wafa", "Al Wafaa", "El Ouafae"]),
    ("الشروق", &["Echourouk", "Chourouk", "Achourouk", "Ech Chourouk"]),
    ("الفتح", &["Al Fath", "El Fath", "Alfath"]),
    ("البركة", &["Al Baraka", "El Baraka", "Baraka"]),
    ("الإخلاص", &["Al Ikhlass", "El Ikhlas", "Al Ikhlas"]),
    ("النجاح", &["Annajah", "Ennajah", "Najah", "An Najah"]),
    ("التقدم", &["Attakadoum", "Ettakadoum", "Takadoum", "At Taqaddum"]),
    ("الرحمة", &["Errahma", "Arrahma", "Rahma"]),
    ("الصفاء", &["Assafae", "Essafa", "Safae", "Assafa"]),
    ("الهدى", &["Al Houda", "El Houda", "Houda"]),
    ("الفلاح", &["Al Falah", "El Falah", "Falah"]),
    ("الازدهار", &["Al Izdihar", "El Izdihar", "Izdihar"]),
    ("الوحدة", &["Al Wahda", "El Ouahda", "Wahda", "El Wahda"]),
    ("التضامن", &["Attadamoun", "Ettadamoun", "Tadamoun"]),
    ("التعاون", &["Attaawoun", "Ettaaouen", "Taawoun", "Ettaawoun"]),
    ("الرشاد", &["Errachad", "Arrachad", "Rachad"]),
    ("السلام", &["Assalam", "Essalam", "Salam"]),
    ("الفجر", &["Al Fajr", "El Fajr", "Fajr"]),
    ("الربيع", &["Arrabie", "Errabiaa", "Rabie"]),
    ("الواحة", &["Al Waha", "El Oueha", "Waha", "El Waha"]),
    ("الأطلس", &["Al Atlas", "Atlas", "El Atlas"]),
    ("الريف", &["Errif", "Arrif", "Rif"]),
    ("المستقبل", &["Al Moustakbal", "El Moustakbal", "Mostakbal"]),
    ("الإحسان", &["Al Ihsane", "El Ihssane", "Ihsane"]),
    ("الإتقان", &["Al Itqane", "El Itkane", "Itqane"]),
    ("الكرامة", &["Al Karama", "El Karama", "Karama"]),
    ("العهد", &["Al Ahd", "El Ahd"]),
    ("الفضيلة", &["Al Fadila", "El Fadila"]),
    ("السعادة", &["Essaada", "Assaada", "Saada"]),
    ("الأصالة", &["Al Assala", "El Assala", "Assala"]),
    ("الريحان", &["Errayhane", "Arrayhane", "Rayhane"]),
    ("الياسمين", &["Al Yasmine", "Yasmine", "El Yasmine"]),
    ("النسيم", &["Annassim", "Ennassim", "Nassim"]),
    ("الزهور", &["Azzouhour", "Ezzouhour", "Zouhour"]),
    ("الجوهرة", &["Al Jawhara", "El Jaouhara", "Jawhara"]),
    ("المنار", &["Al Manar", "El Manar", "Manar"]),
    ("الفردوس", &["Al Firdaws", "El Firdaous", "Firdaous"]),
    ("الأمانة", &["Al Amana", "El Amana", "Amana"]),
    ("الإرادة", &["Al Irada", "El Irada", "Irada"]),
    ("الثقة", &["Attiqa", "Ettika", "Tiqa"]),
    ("النهضة", &["Annahda", "Ennahda", "Nahda"]),
    ("المسيرة", &["Al Massira", "El Massira", "Massira"]),
    ("الوئام", &["Al Wiam", "El Ouiam", "Wiam"]),
    ("الانبعاث", &["Al Inbiaat", "El Inbiaat"]),
    ("الرياض", &["Erriad", "Arriyad", "Riad"]),
    ("الغد", &["Al Ghad", "El Ghad"]),
    ("البشرى", &["Al Bouchra", "El Bouchra", "Bouchra"]),
    ("الصمود", &["Assoumoud", "Essoumoud", "Soumoud"]),
    ("الرجاء", &["Arrajaa", "Errajae", "Rajae"]),
    ("المحبة", &["Al Mahabba", "El Mahabba"]),
    ("الإيمان", &["Al Imane", "El Imane", "Imane"]),
    ("الأخوة", &["Al Oukhouwa", "El Oukhouwa"]),
    ("الوفاق", &["Al Wifaq", "El Ouifak", "Wifak"]),
    ("الاتحاد", &["Al Ittihad", "El Ittihad"]),
    ("الفرح", &["Al Farah", "El Farah"]),
    ("الحياة", &["Al Hayat", "El Hayat"]),
    ("النخلة", &["Annakhla", "Ennakhla", "Nakhla"]),
    ("السنبلة", &["Assounboula", "Essounboula", "Sounboula"]),
    ("الغيث", &["Al Ghayt", "El Ghait"]),
    ("العين", &["Al Ain", "El Ain"]),
    ("الينبوع", &["Al Yanbouaa", "El Yanbouaa"]),
    ("النجمة", &["Annajma", "Ennajma", "Najma"]),
    ("القمر", &["Al Qamar", "El Kamar"]),
    ("الهلال", &["Al Hilal", "El Hilal"]),
    ("الضياء", &["Addiyae", "Eddiyae", "Diyae"]),
    ("الأنوار", &["Al Anouar", "El Anwar", "Anouar"]),
    ("الإشراق", &["Al Ichraq", "El Ichrak"]),
    ("التنمية", &["Attanmia", "Ettanmia", "Tanmia"]),
    ("الخضراء", &["Al Khadra", "El Khadra"]),
    ("الرحاب", &["Errihab", "Arrihab"]),
    ("التوفيق", &["Attawfiq", "Ettaoufik", "Taoufik"]),
    ("الصداقة", &["Assadaka", "Essadaka"]),
    ("النماء", &["Annamae", "Ennamaa", "Namaa"]),
    ("الكوثر", &["Al Kawtar", "El Kaouthar", "Kaoutar"]),
    ("المودة", &["Al Mawadda", "El Mawadda"]),
    ("العطاء", &["Al Ataa", "El Ataa", "Ataa"]),
    ("الإصلاح", &["Al Islah", "El Islah"]),
];

/// Amazigh distinctive words.
const WORDS_AMAZIGH: &[(&str, &[&str])] = &[
    ("تيويزي", &["Tiwizi", "Tiouizi", "Twiza"]),
    ("تافسوت", &["Tafsout", "Tafssout"]),
    ("تيغرمت", &["Tighremt", "Tighermt"]),
    ("أمغار", &["Amghar"]),
    ("تيفاوين", &["Tifawin", "Tifaouine"]),
    ("إيمي", &["Imi"]),
    ("أزور", &["Azour"]),
    ("تامونت", &["Tamount", "Tamonte"]),
    ("تيزي", &["Tizi"]),
    ("أسيف", &["Assif", "Asif"]),
    ("تودرت", &["Toudert", "Toudart"]),
    ("تيليلا", &["Tilila"]),
    ("أمود", &["Amoud"]),
    ("تيفيناغ", &["Tifinagh"]),
    ("إيدرارن", &["Idrarn", "Idraren"]),
    ("أكال", &["Akal"]),
    ("تايتماتين", &["Taitmatine", "Tayetmatine"]),
    ("أجديك", &["Ajddig", "Ajdig"]),
    ("تامازيرت", &["Tamazirt", "Tamazirte"]),
    ("تانميرت", &["Tanmirt"]),
    ("تاكمات", &["Tagmate", "Tagmat"]),
    ("أفولكي", &["Afoulki", "Afoulkay"]),
    ("أمالو", &["Amalou"]),
    ("تيزويت", &["Tizwit", "Tizouit"]),
    ("تافيوشت", &["Tafyoucht", "Tafiyoucht"]),
    ("أناروز", &["Anarouz", "Anarouze"]),
    ("أدرار", &["Adrar"]),
    ("إيزوران", &["Izouran", "Izourane"]),
    ("أمان", &["Aman"]),
    ("أيور", &["Ayour"]),
    ("تيتريت", &["Titrit"]),
    ("أغبالو", &["Aghbalou"]),
];

/// Place-based distinctive words, with the region they belong to ("" = anywhere).
const WORDS_PLACE: &[(&str, &[&str], &str)] = &[
    (
        "أيت بوكماز",
        &["Ait Bouguemez", "Ait Bougmez", "Aït Bouguemmez"],
        "05",
    ),
    ("واحة درعة", &["Oasis Draa", "Oasis Drâa", "Waha Draa"], "08"),
    ("تافيلالت", &["Tafilalet", "Tafilalt"], "08"),
    ("زاكورة", &["Zagora"], "08"),
    ("الأطلس الكبير", &["Haut Atlas", "Grand Atlas"], ""),
    ("سوس", &["Souss"], "09"),
    ("ماسة", &["Massa"], "09"),
    ("درعة", &["Draa", "Drâa"], "08"),
    ("زيز", &["Ziz"], "08"),
    ("تودغى", &["Todgha", "Todra"], "08"),
    ("دادس", &["Dades", "Dadès"], "08"),
    ("قلعة مكونة", &["Kelaat Mgouna", "Kalaat M'gouna"], "08"),
    ("تالوين", &["Taliouine"], "09"),
    ("إملشيل", &["Imilchil"], "08"),
    ("أوريكة", &["Ourika"], "07"),
    ("الرحامنة", &["Rhamna", "Rehamna"], "07"),
    ("دكالة", &["Doukkala"], "06"),
    ("الشاوية", &["Chaouia"], "06"),
    ("تادلة", &["Tadla"], "05"),
    ("زعير", &["Zaer", "Zaïr"], "04"),
    ("الغرب", &["Gharb", "El Gharb"], "04"),
    ("بني يزناسن", &["Beni Snassen", "Beni Iznassen"], "02"),
    ("جبالة", &["Jbala"], "01"),
    ("أيت باها", &["Ait Baha", "Aït Baha"], "09"),
    ("الصحراء", &["Sahara", "Essahra"], ""),
    ("الساقية الحمراء", &["Sakia El Hamra", "Saguia El Hamra"], "11"),
    ("وادي نون", &["Oued Noun"], "10"),
    ("الحوز", &["Al Haouz", "El Haouz"], "07"),
    ("تافراوت", &["Tafraout"], "09"),
    ("فكيك", &["Figuig"], "02"),
];

/// Plant and product words; the branches they fit first.
const WORDS_PRODUCT: &[(&str, &[&str], &[&str])] = &[
    (
        "الأركان",
        &["Argane", "Argan", "Al Argane"],
        &["argan_oil", "argan_cosmetics"],
    ),
    ("أركان", &["Argan", "Argane"], &["argan_oil", "argan_cosmetics"]),
    ("الزعفران", &["Safran", "Zaafaran", "Zaafrane"], &["saffron"]),
    ("الورد", &["Al Ward", "El Ward", "Ward"], &["rose"]),
    ("الزيتون", &["Zitoun", "Zaytoun", "Ezzitoune"], &["olives"]),
    ("الزيتونة", &["Azzaytouna", "Ezzitouna", "Zitouna"], &["olives"]),
    ("النخيل", &["Annakhil", "Ennakhil", "Nakhil"], &["dates"]),
    ("اللوز", &["Alouz", "Elouz", "Al Louz"], &["vegetables", "olives"]),
    ("الصبار", &["Assabbar", "Essabar"], &["cactus"]),
    ("الخزامى", &["Al Khouzama", "Lavande"], &["aromatic_medicinal"]),
    ("الزعتر", &["Zaatar", "Ezzaatar"], &["aromatic_medicinal"]),
    ("الشيح", &["Echih", "Achih"], &["aromatic_medicinal"]),
    ("الرمان", &["Arroummane", "Errouman", "Rommane"], &["vegetables"]),
    ("السدر", &["Assidr", "Essedra"], &["beekeeping", "honey_products"]),
    ("العرعار", &["Al Araar", "El Arar"], &["forest_products"]),
    ("الحناء", &["Al Henna", "El Henna"], &["henna"]),
    (
        "النحلة",
        &["Annahla", "Ennahla", "Nahla"],
        &["beekeeping", "honey_products"],
    ),
    (
        "السنابل",
        &["Assanabil", "Essanabil"],
        &["cereals", "couscous_pasta"],
    ),
];

/// Activity phrases of each branch: Arabic (follows the name) and French. A French phrase that
/// does not start with a preposition is an adjective («laitière»).
const BRANCH_PHRASES: &[(&str, &[(&str, &str)])] = &[
    (
        "dairy",
        &[
            ("للحليب ومشتقاته", "laitière"),
            ("لتجميع الحليب", "de collecte de lait"),
            ("للحليب", "de lait"),
        ],
    ),
    (
        "livestock",
        &[
            ("لتربية الماشية", "d'élevage"),
            ("لتربية الأغنام", "d'élevage ovin"),
            ("لتربية الماعز", "d'élevage caprin"),
            ("لتربية المواشي", "pour l'élevage du bétail"),
            ("لتربية الإبل", "d'élevage camelin"),
        ],
    ),
    (
        "beekeeping",
        &[
            ("لتربية النحل", "apicole"),
            ("لإنتاج العسل", "de production de miel"),
        ],
    ),
    (
        "dates",
        &[
            ("للتمور", "des dattes"),
            ("لتثمين التمور", "de valorisation des dattes"),
            (
                "لإنتاج وتسويق التمور",
                "de production et commercialisation des dattes",
            ),
        ],
    ),
    (
        "olives",
        &[
            ("للزيتون", "oléicole"),
            ("لعصر الزيتون", "de trituration des olives"),
            ("لإنتاج زيت الزيتون", "de production d'huile d'olive"),
        ],
    ),
    (
        "cereals",
        &[
            ("للحبوب", "céréalière"),
            ("لإنتاج البذور", "de production de semences"),
        ],
    ),
    (
        "saffron",
        &[
            ("للزعفران", "du safran"),
            (
                "لإنتاج وتسويق الزعفران",
                "de production et commercialisation du safran",
            ),
        ],
    ),
    (
        "cactus",
        &[
            ("للصبار", "du cactus"),
            ("لتثمين الصبار", "de valorisation du cactus"),
            ("لتثمين التين الشوكي", "de valorisation de la figue de barbarie"),
        ],
    ),
    (
        "vegetables",
        &[
            ("للخضر", "maraîchère"),
            ("للخضر والفواكه", "de fruits et légumes"),
            ("للأشجار المثمرة", "arboricole"),
        ],
    ),
    (
        "water_use",
        &[
            ("لاستعمال مياه الري", "d'irrigation"),
            ("لمستعملي المياه", "des usagers de l'eau"),
        ],
    ),
    (
        "argan_oil",
        &[
            ("لإنتاج زيت الأركان", "d'huile d'argane"),
            ("للأركان", "d'argane"),
            ("لاستخراج زيت أركان", "pour l'extraction de l'huile d'argan"),
        ],
    ),
    (
        "argan_cosmetics",
        &[
            ("لمستحضرات الأركان التجميلية", "de cosmétiques à l'argane"),
            ("لتثمين منتوجات الأركان", "de valorisation des produits d'argane"),
        ],
    ),
    (
        "aromatic_medicinal",
        &[
            (
                "للنباتات العطرية والطبية",
                "des plantes aromatiques et médicinales",
            ),
            (
                "لتقطير النباتات العطرية",
                "de distillation des plantes aromatiques",
            ),
            ("للأعشاب الطبية", "d'herbes médicinales"),
        ],
    ),
    (
        "rose",
        &[
            ("للورد العطري", "de la rose"),
            ("لتقطير ماء الورد", "de distillation de l'eau de rose"),
        ],
    ),
    ("henna", &[("للحناء", "du henné")]),
    (
        "weaving_textile",
        &[
            ("للنسيج", "de tissage"),
            ("للنسيج التقليدي", "de tissage traditionnel"),
        ],
    ),
    (
        "carpets",
        &[
            ("للزرابي", "de tapis"),
            ("لصناعة الزرابي", "de fabrication de tapis"),
            ("للزربية التقليدية", "du tapis traditionnel"),
        ],
    ),
    (
        "embroidery_sewing",
        &[
            ("للخياطة والطرز", "de couture et broderie"),
            ("للطرز", "de broderie"),
        ],
    ),
    ("pottery", &[("للفخار", "de poterie"), ("للخزف", "de céramique")]),
    (
        "leather",
        &[("للجلد", "du cuir"), ("للصناعة الجلدية", "de maroquinerie")],
    ),
    (
        "wood",
        &[
            ("للنجارة", "de menuiserie"),
            ("للنقش على الخشب", "de sculpture sur bois"),
        ],
    ),
    (
        "basketry",
        &[("لصناعة السلال", "de vannerie"), ("للدوم", "du doum")],
    ),
    (
        "jewelry",
        &[
            ("للحلي", "de bijouterie"),
            ("للحلي الفضية", "de bijoux en argent"),
        ],
    ),
    (
        "haik",
        &[("للحايك", "du haïk"), ("لنسج الحايك", "de tissage du haïk")],
    ),
    (
        "couscous_pasta",
        &[
            ("لإنتاج الكسكس", "pour la production du couscous"),
            ("للكسكس والعجائن", "de couscous et pâtes"),
            ("للمنتوجات المجالية", "de produits du terroir"),
        ],
    ),
    (
        "pastry",
        &[
            ("للحلويات", "de pâtisserie"),
            ("للحلويات التقليدية", "de pâtisserie traditionnelle"),
        ],
    ),
    (
        "honey_products",
        &[
            ("لتثمين العسل", "de valorisation du miel"),
            ("لمنتوجات العسل", "de produits de la ruche"),
        ],
    ),
    (
        "preserves",
        &[
            ("للمصبرات", "de conserves"),
            ("لتصبير الخضر والفواكه", "de conserverie de fruits et légumes"),
            ("للكبار", "de câpres"),
        ],
    ),
    (
        "artisanal_fishing",
        &[
            ("للصيد التقليدي", "de pêche artisanale"),
            ("للصيد البحري", "de pêche maritime"),
            ("لبحارة الصيد التقليدي", "des marins pêcheurs"),
        ],
    ),
    (
        "seaweed",
        &[
            ("لجمع الطحالب البحرية", "de ramassage d'algues"),
            ("للطحالب", "des algues marines"),
        ],
    ),
    (
        "aquaculture",
        &[
            ("لتربية الأحياء المائية", "d'aquaculture"),
            ("لتربية المحار", "ostréicole"),
        ],
    ),
    (
        "forest_products",
        &[
            ("للمنتوجات الغابوية", "de produits forestiers"),
            ("لاستغلال الغابة", "d'exploitation forestière"),
        ],
    ),
    ("charcoal", &[("للفحم الخشبي", "de charbon de bois")]),
    (
        "mushrooms",
        &[
            ("للفطر", "de champignons"),
            ("لجمع الفطر", "de cueillette de champignons"),
        ],
    ),
    (
        "housing",
        &[
            ("للسكنى", "d'habitat"),
            ("السكنية", "d'habitation"),
            ("للسكن", "de logement"),
        ],
    ),
    ("consumption", &[("للاستهلاك", "de consommation")]),
    (
        "transport",
        &[("للنقل", "de transport"), ("للنقل المزدوج", "de transport mixte")],
    ),
    (
        "rural_tourism",
        &[
            ("للسياحة القروية", "de tourisme rural"),
            ("للسياحة التضامنية", "de tourisme solidaire"),
            ("لدار الضيافة", "de gîte rural"),
        ],
    ),
    (
        "literacy_training",
        &[("لمحو الأمية والتكوين", "d'alphabétisation et de formation")],
    ),
    (
        "management_services",
        &[
            ("للخدمات", "de services"),
            ("لخدمات التدبير", "de services de gestion"),
        ],
    ),
    (
        "recycling",
        &[
            ("لإعادة التدوير", "de recyclage"),
            ("لجمع النفايات", "de collecte des déchets"),
        ],
    ),
    (
        "retail",
        &[
            ("للتجارة", "commerciale"),
            (
                "لتسويق المنتوجات المحلية",
                "de commercialisation des produits locaux",
            ),
        ],
    ),
    ("quarry", &[("للمقالع", "des carrières")]),
    (
        "mining",
        &[
            ("المنجمية", "minière"),
            ("لاستغلال المعادن", "d'exploitation minière"),
        ],
    ),
];

/// The sector as a whole: (sector, Arabic adjective, French adjective or complement).
const SECTOR_PHRASES: &[(&str, &str, &str)] = &[
    ("agriculture", "الفلاحية", "agricole"),
    ("argan", "للأركان", "d'argane"),
    ("aromatic_plants", "للنباتات العطرية", "des plantes aromatiques"),
    ("handicraft", "الحرفية", "artisanale"),
    ("food_processing", "للصناعات الغذائية", "agroalimentaire"),
    ("fishing", "للصيد", "de pêche"),
    ("forestry", "الغابوية", "forestière"),
    ("housing", "السكنية", "d'habitation"),
    ("consumption", "الاستهلاكية", "de consommation"),
    ("transport", "للنقل", "de transport"),
    ("tourism", "السياحية", "touristique"),
    ("services", "للخدمات", "de services"),
    ("trade", "التجارية", "commerciale"),
    ("mining", "المنجمية", "minière"),
];

/// Given names and tribe names of douars: «دوار أيت علي», «Douar Ouled Moussa».
const DOUAR_ROOTS: &[(&str, &str)] = &[
    ("علي", "Ali"),
    ("حمو", "Hammou"),
    ("موسى", "Moussa"),
    ("عيسى", "Aissa"),
    ("يوسف", "Youssef"),
    ("إبراهيم", "Brahim"),
    ("عمر", "Amer"),
    ("حسين", "Hssain"),
    ("يحيى", "Yahya"),
    ("سعيد", "Said"),
    ("عثمان", "Othmane"),
    ("داود", "Daoud"),
    ("عبد الله", "Abdellah"),
    ("مبارك", "Mbarek"),
    ("إيدير", "Idir"),
    ("واعزيز", "Ouaziz"),
    ("ملول", "Melloul"),
    ("بوزيد", "Bouzid"),
    ("الطالب", "Taleb"),
    ("بلقاسم", "Belkacem"),
    ("منصور", "Mansour"),
    ("حدو", "Haddou"),
    ("عدي", "Addi"),
    ("الحاج", "Lhaj"),
    ("بنعلي", "Benali"),
    ("زكري", "Zekri"),
    ("أمحمد", "Amhamed"),
    ("حماد", "Hammad"),
    ("عبو", "Abbou"),
    ("بوبكر", "Boubker"),
    ("ناصر", "Nasser"),
    ("جرار", "Jerrar"),
    ("سالم", "Salem"),
    ("عياد", "Ayyad"),
    ("رحو", "Rahou"),
    ("وانو", "Ouanou"),
    ("الغازي", "Ghazi"),
    ("بويحيى", "Bouyahya"),
];

/// Douar prefixes: Arabic, French spellings.
const DOUAR_PREFIXES: &[(&str, &[&str])] = &[
    ("أيت", &["Ait", "Aït", "Ait"]),
    ("أولاد", &["Ouled", "Oulad", "Ouled"]),
    ("قصر", &["Ksar", "Ksar"]),
];

const STREETS: &[(&str, &str)] = &[
    ("محمد الخامس", "Mohammed V"),
    ("الحسن الثاني", "Hassan II"),
    ("علال الفاسي", "Allal El Fassi"),
    ("المسيرة الخضراء", "Al Massira Al Khadra"),
    ("الجيش الملكي", "des FAR"),
    ("ابن بطوطة", "Ibn Battouta"),
    ("ابن خلدون", "Ibn Khaldoun"),
    ("الزرقطوني", "Zerktouni"),
    ("عبد الكريم الخطابي", "Abdelkrim El Khattabi"),
    ("مولاي عبد الله", "Moulay Abdellah"),
    ("فلسطين", "de Palestine"),
    ("طارق بن زياد", "Tarik Ibn Ziad"),
    ("يوسف بن تاشفين", "Youssef Ibn Tachfine"),
    ("القدس", "Al Qods"),
    ("المقاومة", "de la Résistance"),
];

const QUARTERS: &[(&str, &str)] = &[
    ("السلام", "Essalam"),
    ("النهضة", "Ennahda"),
    ("الأمل", "Al Amal"),
    ("الفتح", "Al Fath"),
    ("المسيرة", "Al Massira"),
    ("القدس", "Al Qods"),
    ("الرياض", "Riad"),
    ("الوحدة", "Al Wahda"),
    ("الانبعاث", "Al Inbiaat"),
    ("المحمدي", "Mohammadi"),
    ("الحسني", "Hassani"),
    ("الأندلس", "Al Andalous"),
    ("الداخلة", "Dakhla"),
    ("الأمان", "Al Amane"),
];

/// A distinctive element of a name, in both scripts, and an ASCII slug for e-mail addresses.
struct Distinctive {
    ar: String,
    fr: String,
    slug: String,
}

/// The usual transliteration most of the time, a variant otherwise.
fn spelling<'a>(rng: &mut Rng, variants: &[&'a str]) -> &'a str {
    if variants.len() > 1 && rng.chance(0.4) {
        variants[1 + rng.below(variants.len() - 1)]
    } else {
        variants[0]
    }
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => Some('e'),
            'î' | 'ï' | 'Î' | 'Ï' => Some('i'),
            'ô' | 'ö' | 'Ô' => Some('o'),
            'û' | 'ü' | 'ù' | 'Û' => Some('u'),
            'ç' | 'Ç' => Some('c'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// «الخير» + «البركة» → «الخير والبركة» / «Al Khair wal Baraka».
fn compound(rng: &mut Rng, first: (&str, &str)) -> (String, String) {
    let (ar2, fr2) = loop {
        let (ar, frs) = rng.pick(WORDS_ARABIC);
        if *ar != first.0 {
            break (*ar, spelling(rng, frs));
        }
    };
    let fr2 = match fr2.strip_prefix("Al ").or_else(|| fr2.strip_prefix("El ")) {
        Some(rest) => format!("wal {rest}"),
        None => format!("wa {fr2}"),
    };
    (format!("{} و{}", first.0, ar2), format!("{} {}", first.1, fr2))
}

fn distinctive(rng: &mut Rng, region_code: &str, branch: &str, allow_compound: bool) -> Distinctive {
    let fitting: Vec<&(&str, &[&str], &[&str])> = WORDS_PRODUCT
        .iter()
        .filter(|(_, _, branches)| branches.contains(&branch))
        .collect();
    let (ar, fr) = if !fitting.is_empty() && rng.chance(0.3) {
        let (ar, frs, _) = *rng.pick(&fitting);
        ((*ar).to_string(), spelling(rng, frs).to_string())
    } else {
        let x = rng.f64();
        if x < 0.6 {
            let (ar, frs) = rng.pick(WORDS_ARABIC);
            let fr = spelling(rng, frs);
            if allow_compound && rng.chance(0.2) {
                compound(rng, (ar, fr))
            } else {
                ((*ar).to_string(), fr.to_string())
            }
        } else if x < 0.84 {
            let (ar, frs) = rng.pick(WORDS_AMAZIGH);
            ((*ar).to_string(), spelling(rng, frs).to_string())
        } else if x < 0.94 {
            let local: Vec<&(&str, &[&str], &str)> = WORDS_PLACE
                .iter()
                .filter(|(_, _, r)| r.is_empty() || *r == region_code)
                .collect();
            let (ar, frs, _) = if local.is_empty() {
                rng.pick(WORDS_PLACE)
            } else {
                *rng.pick(&local)
            };
            ((*ar).to_string(), spelling(rng, frs).to_string())
        } else {
            let (ar, frs, _) = rng.pick(WORDS_PRODUCT);
            ((*ar).to_string(), spelling(rng, frs).to_string())
        }
    };
    let slug = ascii_slug(&fr);
    Distinctive { ar, fr, slug }
}

/// A douar: («أيت علي», «Ait Ali»).
fn douar(rng: &mut Rng) -> (String, String) {
    let (pre_ar, pre_fr) = rng.pick(DOUAR_PREFIXES);
    let (root_ar, root_fr) = rng.pick(DOUAR_ROOTS);
    (
        format!("{pre_ar} {root_ar}"),
        format!("{} {root_fr}", rng.pick(pre_fr)),
    )
}

fn starts_with_vowel(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| "AEIOUYÂÉÈÎÔaeiouyâéèîô".contains(c))
}

/// «de Tinghir», «d'Agadir».
fn de(place: &str) -> String {
    if starts_with_vowel(place) {
        format!("d'{place}")
    } else {
        format!("de {place}")
    }
}

fn is_complement(fr: &str) -> bool {
    ["de ", "d'", "du ", "des ", "pour "]
        .iter()
        .any(|p| fr.starts_with(p))
}

fn title_case(s: &str) -> String {
    const SMALL: &[&str] = &[
        "de", "du", "des", "la", "le", "les", "l'", "et", "pour", "à", "wa", "wal", "en", "sur",
    ];
    s.split(' ')
        .map(|w| {
            if SMALL.contains(&w) || w.starts_with("d'") || w.starts_with("l'") {
                w.to_string()
            } else {
                let mut c = w.chars();
                match c.next() {
                    Some(first) => first.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The activity phrase of the name: (Arabic, French), or none.
fn activity_phrase(rng: &mut Rng, sector: &str, branch: &str) -> Option<(&'static str, &'static str)> {
    if rng.chance(0.12) {
        return None;
    }
    let branch_phrases = BRANCH_PHRASES.iter().find(|(b, _)| *b == branch).map(|(_, p)| *p);
    let sector_phrase = SECTOR_PHRASES
        .iter()
        .find(|(s, _, _)| *s == sector)
        .map(|(_, ar, fr)| (*ar, *fr));
    match branch_phrases {
        Some(phrases) if !phrases.is_empty() && (sector_phrase.is_none() || rng.chance(0.8)) => {
            Some(*rng.pick(phrases))
        }
        _ => sector_phrase,
    }
}

struct Names {
    ar: String,
    fr: String,
    slug: String,
}

struct NameInput<'a> {
    region_code: &'a str,
    sector: &'a str,
    branch: &'a str,
    women: bool,
    union: bool,
    commune: &'a Commune,
    province: &'a Province,
}

fn names(rng: &mut Rng, input: &NameInput<'_>) -> Names {
    // Where: the commune (~60%), a douar (~25%), or nowhere.
    let x = rng.f64();
    let place: Option<(String, String)> = if input.union {
        if rng.chance(0.5) {
            Some((input.commune.name_ar.clone(), input.commune.name_fr.clone()))
        } else {
            Some((input.province.name_ar.clone(), input.province.name_fr.clone()))
        }
    } else if x < 0.6 {
        Some((input.commune.name_ar.clone(), input.commune.name_fr.clone()))
    } else if x < 0.85 {
        let (ar, fr) = douar(rng);
        if rng.chance(0.3) {
            Some((format!("دوار {ar}"), format!("Douar {fr}")))
        } else {
            Some((ar, fr))
        }
    } else {
        None
    };
    let mut d = distinctive(rng, input.region_code, input.branch, true);
    if place.is_none() && !d.ar.contains(" و") {
        // A name with no place gets a second word, as registries do to tell names apart.
        let (ar, fr) = if d.ar.starts_with("ال") && rng.chance(0.7) {
            compound(rng, (&d.ar, &d.fr))
        } else {
            let (ar, fr) = douar(rng);
            (format!("{} {ar}", d.ar), format!("{} {fr}", d.fr))
        };
        d.ar = ar;
        d.fr = fr;
    }
    let sector_phrase = SECTOR_PHRASES.iter().find(|(s, _, _)| *s == input.sector);
    // «التعاونية الفلاحية الأمل» / «Coopérative agricole Al Amal»: the sector's adjective.
    let adjective = sector_phrase
        .filter(|(_, a, _)| a.starts_with("ال"))
        .map(|(_, a, f)| (*a, *f));
    let adjective = adjective.filter(|_| !input.union && rng.chance(0.12));
    let mut phrase = match adjective {
        Some(adj) => Some(adj),
        None => activity_phrase(rng, input.sector, input.branch),
    };
    // No «الزيتون للزيتون»: a product word is not repeated by the phrase.
    let core = d.ar.strip_prefix("ال").unwrap_or(&d.ar);
    if phrase.is_some_and(|(p, _)| p.contains(core)) {
        phrase = sector_phrase
            .map(|(_, a, f)| (*a, *f))
            .filter(|(a, _)| !a.contains(core));
    }

    // Arabic.
    let mut ar = String::with_capacity(96);
    if input.union {
        if input.women {
            ar.push_str("اتحاد التعاونيات النسوية ");
        } else {
            ar.push_str("اتحاد تعاونيات ");
        }
        ar.push_str(&d.ar);
        if let Some((p, _)) = phrase {
            ar.push(' ');
            ar.push_str(p);
        }
    } else {
        match adjective {
            // «التعاونية الفلاحية النسوية الأمل»
            Some((adj, _)) => {
                ar.push_str("التعاونية ");
                ar.push_str(adj);
                if input.women {
                    ar.push_str(" النسوية");
                }
                ar.push(' ');
                ar.push_str(&d.ar);
            }
            _ => {
                ar.push_str("تعاونية ");
                ar.push_str(&d.ar);
                if input.women {
                    ar.push_str(" النسوية");
                }
                if let Some((p, _)) = phrase {
                    ar.push(' ');
                    ar.push_str(p);
                }
            }
        }
    }
    if let Some((place_ar, _)) = &place {
        if rng.chance(0.5) {
            ar.push_str(" ب");
        } else {
            ar.push(' ');
        }
        ar.push_str(place_ar);
    }

    // French.
    let mut fr = String::with_capacity(96);
    let phrase_fr = phrase.map(|(_, f)| f);
    if input.union {
        fr.push_str("Union des coopératives");
        if input.women {
            fr.push_str(" féminines");
        }
        match phrase_fr {
            Some(p) if !is_complement(p) => {
                fr.push(' ');
                fr.push_str(p);
                fr.push('s');
                fr.push(' ');
                fr.push_str(&d.fr);
            }
            Some(p) => {
                fr.push(' ');
                fr.push_str(&d.fr);
                fr.push(' ');
                fr.push_str(p);
            }
            None => {
                fr.push(' ');
                fr.push_str(&d.fr);
            }
        }
    } else {
        fr.push_str(match rng.below(100) {
            0..=87 => "Coopérative",
            _ => "Cooperative",
        });
        let women_first = input.women && rng.chance(0.4);
        match phrase_fr {
            Some(p) if !is_complement(p) && (adjective.is_some() || rng.chance(0.7)) => {
                // «Coopérative laitière féminine Annour»
                fr.push(' ');
                fr.push_str(p);
                if input.women {
                    fr.push_str(" féminine");
                }
                fr.push(' ');
                fr.push_str(&d.fr);
            }
            _ => {
                if women_first {
                    fr.push_str(" féminine");
                }
                fr.push(' ');
                fr.push_str(&d.fr);
                if input.women && !women_first {
                    fr.push_str(" féminine");
                }
                if let Some(p) = phrase_fr {
                    fr.push(' ');
                    fr.push_str(p);
                }
            }
        }
    }
    if let Some((_, place_fr)) = &place {
        match rng.below(100) {
            0..=44 => {
                fr.push(' ');
                fr.push_str(&de(place_fr));
            }
            45..=84 => {
                fr.push(' ');
                fr.push_str(place_fr);
            }
            _ => {
                fr.push_str(" - ");
                fr.push_str(place_fr);
            }
        }
    }
    let fr = match rng.below(100) {
        0..=19 => title_case(&fr),
        20..=22 => fr.to_uppercase(),
        _ => fr,
    };
    Names { ar, fr, slug: d.slug }
}

// ---------------------------------------------------------------------------------------------
// Dates, as days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithms).

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

const FIRST_YEAR: i64 = 1975;
const LAST_YEAR: i64 = 2026;

/// Weight of a founding year: few cooperatives before 2005, growth with the INDH (2005) and a
/// strong one after Law 112-12 (2015).
fn year_weight(y: i64) -> f64 {
    let w = match y {
        ..=2004 => 1.0 + 0.1 * (y - FIRST_YEAR) as f64,
        2005..=2014 => 6.0 + (y - 2005) as f64,
        _ => 20.0 + 1.5 * (y - 2015) as f64,
    };
    // The last year runs to 31 October only.
    if y == LAST_YEAR { w * 304.0 / 365.0 } else { w }
}

static YEAR_WEIGHTS: LazyLock<Vec<f64>> =
    LazyLock::new(|| (FIRST_YEAR..=LAST_YEAR).map(year_weight).collect());

// ---------------------------------------------------------------------------------------------
// Rows.

/// A phone in the synthetic blocks (`taawun_domain::synthetic`), so that no generated record
/// holds a real person's number: 05 000… for a fixed line, 06 000… for a mobile.
fn phone(rng: &mut Rng) -> String {
    let digits: String = if rng.chance(0.15) {
        format!("05000{:05}", rng.below(100_000))
    } else {
        format!("06000{:05}", rng.below(100_000))
    };
    let d = digits.as_bytes();
    let pairs = |from: usize, sep: &str| -> String {
        d[from..]
            .chunks(2)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(sep)
    };
    match rng.below(100) {
        0..=39 => digits.clone(),
        40..=59 => pairs(0, " "),
        60..=67 => pairs(0, "-"),
        68..=72 => pairs(0, "."),
        73..=87 => format!("+212 {} {}", &digits[1..2], pairs(2, " ")),
        88..=95 => format!("+212{}", &digits[1..]),
        _ => format!("00212{}", &digits[1..]),
    }
}

/// An e-mail at a reserved domain (`taawun_domain::synthetic`): never a real mailbox.
fn email(rng: &mut Rng, slug: &str, place: &str, year: i64) -> String {
    let domain = *rng.pick(&["example.ma", "example.ma", "mail.example", "coop.invalid"]);
    let slug = if slug.is_empty() { "cooperative" } else { slug };
    match rng.below(6) {
        0 => format!("coop.{slug}.{place}@{domain}"),
        1 => format!("{slug}.coop@{domain}"),
        2 => format!("coop{slug}{year}@{domain}"),
        3 => format!("cooperative.{slug}@{domain}"),
        4 => format!("contact@coop-{slug}.example.ma"),
        _ => format!("{slug}{}@{domain}", rng.range(1, 99)),
    }
}

fn address(rng: &mut Rng, commune: &Commune, province: &Province) -> String {
    let arabic = rng.chance(0.55);
    let n = rng.range(1, 250);
    if commune.urban && rng.chance(0.85) {
        let (street_ar, street_fr) = rng.pick(STREETS);
        let (hay_ar, hay_fr) = rng.pick(QUARTERS);
        match (arabic, rng.below(3)) {
            (true, 0) => format!("{n} زنقة {street_ar}، حي {hay_ar}، {}", commune.name_ar),
            (true, 1) => format!("رقم {n} شارع {street_ar}، {}", commune.name_ar),
            (true, _) => format!("حي {hay_ar}، رقم {n}، {}", commune.name_ar),
            (false, 0) => format!("{n}, rue {street_fr}, {}", commune.name_fr),
            (false, 1) => format!("N° {n} Hay {hay_fr}, {}", commune.name_fr),
            (false, _) => format!("Lot. {hay_fr} n° {n}, {}", commune.name_fr),
        }
    } else {
        let (douar_ar, douar_fr) = douar(rng);
        match (arabic, rng.below(3)) {
            (true, 0) => format!("دوار {douar_ar}، جماعة {}", commune.name_ar),
            (true, 1) => format!(
                "دوار {douar_ar}، جماعة {}، إقليم {}",
                commune.name_ar, province.name_ar
            ),
            (true, _) => format!("مركز جماعة {}", commune.name_ar),
            (false, 0) => format!("Douar {douar_fr}, commune {}", commune.name_fr),
            (false, 1) => format!(
                "Douar {douar_fr}, CR {}, province {}",
                commune.name_fr, province.name_fr
            ),
            (false, _) => format!("Centre {}", commune.name_fr),
        }
    }
}

fn row(t: &Territory, seed: u64, index: usize) -> RawCooperative {
    let mut rng = Rng::for_row(seed, index as u64);

    let region = rng.weighted(&REGION_WEIGHTS) + 1;
    let communes = &t.regions[region - 1];
    let commune = &communes[rng.below(communes.len())];
    let province = &t.provinces[commune.province];
    let region_code = format!("{region:02}");

    let sector_index = rng.weighted(&province.sector_weights);
    let (sector, branches) = SECTORS[sector_index];
    let branch = if branches.len() > 1 && rng.chance(0.04) {
        ""
    } else {
        branches[rng.weighted(&t.branch_weights[region - 1][sector_index])]
    };

    let history = rng.chance(0.03);
    let union = !history && rng.chance(0.02);
    let women = rng.chance(women_share(sector));
    let n = names(
        &mut rng,
        &NameInput {
            region_code: &region_code,
            sector,
            branch,
            women,
            union,
            commune,
            province,
        },
    );
    let (name_ar, name_fr) = match rng.below(100) {
        0..=84 => (n.ar, n.fr),
        85..=94 => (n.ar, String::new()),
        _ => (String::new(), n.fr),
    };
    if history {
        return RawCooperative {
            name_ar,
            name_fr,
            region_code,
            ..Default::default()
        };
    }

    // Founding and immatriculation.
    let today = days_from_civil(2026, 11, 23);
    let year = FIRST_YEAR + rng.weighted(&YEAR_WEIGHTS) as i64;
    let start = days_from_civil(year, 1, 1);
    let end = if year == LAST_YEAR {
        days_from_civil(2026, 10, 31)
    } else {
        days_from_civil(year, 12, 31)
    };
    let founded = rng.range(start, end);
    let immatriculated = founded + rng.range(0, 120.min(today - founded));
    let (immatriculated_year, _, _) = civil_from_days(immatriculated);

    // Law 112-12 adaptation of pre-existing cooperatives.
    let pre = founded < days_from_civil(2015, 1, 1);
    let mut status = "active";
    let mut adaptation_state = "";
    let mut adapted_on = String::new();
    if pre {
        match rng.below(100) {
            0..=54 => {
                adaptation_state = "adapted";
                let lo = (immatriculated + 30).max(days_from_civil(2015, 1, 1));
                adapted_on = format_date(rng.range(lo, days_from_civil(2019, 12, 31)));
            }
            55..=59 => adaptation_state = "filed",
            60..=69 => adaptation_state = "not_filed",
            _ => {
                adaptation_state = "out_of_time";
                status = "lapsed";
            }
        }
    }
    if status == "active" {
        status = match rng.below(1000) {
            0..=29 => "radiated",
            30..=39 => "in_dissolution",
            _ => "active",
        };
    }

    // Members and capital.
    let members: i64 = if union {
        ((6.0f64.ln() + 0.7 * rng.normal()).exp().round() as i64).clamp(3, 40)
    } else {
        ((12.0f64.ln() + 0.8 * rng.normal()).exp().round() as i64).clamp(5, 300)
    };
    let share_value: i64 = if union {
        *rng.pick(&[500, 1000, 1000])
    } else {
        [100, 200, 500, 1000][rng.weighted(&[50.0, 20.0, 20.0, 10.0])]
    };
    let shares_per_member = *rng.pick(&[1, 1, 1, 2, 2, 3, 5, 10]);
    let shares = (members * shares_per_member).max((1000 + share_value - 1) / share_value);
    let capital = share_value * shares;
    let (women_members, young_members) = if union {
        (
            if women { members.to_string() } else { String::new() },
            String::new(),
        )
    } else {
        let women_members = if women {
            members
        } else {
            (members as f64 * rng.f64() * 0.6) as i64
        };
        let young = (members as f64 * rng.f64() * 0.5) as i64;
        (women_members.to_string(), young.to_string())
    };

    let court_code = commune.court_code.clone();
    let local_number = format!("{}/{immatriculated_year}", rng.range(1, 400));
    let phone = if rng.chance(0.85) {
        phone(&mut rng)
    } else {
        String::new()
    };
    let email = if rng.chance(0.3) {
        email(&mut rng, &n.slug, &ascii_slug(&commune.name_fr), year)
    } else {
        String::new()
    };
    let address = if rng.chance(0.9) {
        address(&mut rng, commune, province)
    } else {
        String::new()
    };

    RawCooperative {
        central_number: format!("RC-{year}-{index:07}"),
        kind: if union { "union" } else { "cooperative" }.to_string(),
        name_ar,
        name_fr,
        status: status.to_string(),
        sector: sector.to_string(),
        branch: branch.to_string(),
        region_code,
        province_code: province.code.clone(),
        commune_code: commune.code.clone(),
        address,
        court_code,
        local_number,
        founded_on: format_date(founded),
        immatriculated_on: format_date(immatriculated),
        adapted_on,
        capital: capital.to_string(),
        share_value: share_value.to_string(),
        members: members.to_string(),
        women_members,
        young_members,
        phone,
        email,
        pre_112_12: pre.to_string(),
        adaptation_state: adaptation_state.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::collections::{HashMap, HashSet};

    use taawun_domain::{Cooperative, LegalRules, cooperative::parse_date};

    use super::*;

    #[test]
    fn synth_rows_are_valid_records() {
        let today = parse_date("x", "2026-11-23").unwrap().unwrap();
        let rules = LegalRules::default();
        let mut failures = 0;
        for raw in records(5000, 42) {
            if let Err(errors) = Cooperative::parse(&raw, &rules, today) {
                failures += 1;
                if failures <= 10 {
                    let codes: Vec<String> = errors
                        .iter()
                        .map(|e| format!("{}: {}", e.field, e.code))
                        .collect();
                    eprintln!("invalid row {raw:?}\n  errors: {codes:?}");
                }
            }
        }
        assert_eq!(failures, 0, "{failures} invalid rows");
    }

    /// No generated record holds a real person's contact: every phone and e-mail is in the
    /// reserved blocks that the senders refuse.
    #[test]
    fn synth_contacts_are_all_synthetic() {
        let today = parse_date("x", "2026-11-23").unwrap().unwrap();
        let rules = LegalRules::default();
        let (mut phones, mut emails) = (0, 0);
        for raw in records(5000, 7) {
            let c = Cooperative::parse(&raw, &rules, today).unwrap();
            if let Some(p) = &c.phone {
                phones += 1;
                assert!(taawun_domain::synthetic::is_synthetic_phone(p), "{p}");
            }
            if let Some(e) = &c.email {
                emails += 1;
                assert!(taawun_domain::synthetic::is_synthetic_email(e.as_str()), "{e:?}");
            }
        }
        assert!(phones > 1000 && emails > 500, "{phones} phones, {emails} e-mails");
    }

    #[test]
    fn synth_is_deterministic() {
        let csv_of = |seed| {
            let mut out = Vec::new();
            write_csv(&mut out, 500, seed).unwrap();
            out
        };
        assert_eq!(csv_of(7), csv_of(7));
        assert_ne!(csv_of(7), csv_of(8));
        // A shorter run is a prefix of a longer one.
        let short: Vec<_> = records(50, 3).collect();
        let long: Vec<_> = records(100, 3).take(50).collect();
        assert_eq!(short, long);
    }

    #[test]
    fn synth_distributions() {
        let rows: Vec<RawCooperative> = records(20_000, 1).collect();
        let n = rows.len() as f64;
        let share =
            |pred: &dyn Fn(&RawCooperative) -> bool| rows.iter().filter(|r| pred(r)).count() as f64 / n;

        let regions: HashSet<&str> = rows.iter().map(|r| r.region_code.as_str()).collect();
        assert_eq!(regions.len(), 12, "{regions:?}");

        let women =
            share(&|r| r.name_ar.contains("النسوية") || r.name_fr.to_lowercase().contains("féminine"));
        assert!((0.15..=0.35).contains(&women), "women's cooperatives: {women}");
        let unions = share(&|r| r.kind == "union");
        assert!((0.01..=0.04).contains(&unions), "unions: {unions}");
        let both = share(&|r| !r.name_ar.is_empty() && !r.name_fr.is_empty());
        assert!((0.80..=0.90).contains(&both), "both scripts: {both}");
        let history = share(&|r| r.central_number.is_empty());
        assert!((0.02..=0.04).contains(&history), "history rows: {history}");

        let pairs: HashSet<(&str, &str)> = rows
            .iter()
            .map(|r| (r.name_ar.as_str(), r.name_fr.as_str()))
            .collect();
        let distinct = pairs.len() as f64 / n;
        assert!(distinct >= 0.95, "distinct name pairs: {distinct}");

        let mut sectors: HashMap<&str, usize> = HashMap::new();
        for r in rows.iter().filter(|r| !r.sector.is_empty()) {
            *sectors.entry(r.sector.as_str()).or_default() += 1;
        }
        let with_sector = sectors.values().sum::<usize>() as f64;
        let sector_share = |s: &str| sectors.get(s).copied().unwrap_or(0) as f64 / with_sector;
        assert!((0.5..=0.68).contains(&sector_share("agriculture")), "{sectors:?}");
        assert!((0.03..=0.07).contains(&sector_share("argan")), "{sectors:?}");
        let argan_south = rows
            .iter()
            .filter(|r| r.sector == "argan" && matches!(r.region_code.as_str(), "07" | "09" | "10"))
            .count() as f64;
        assert!(argan_south / (sector_share("argan") * with_sector) > 0.85);
        assert!(
            rows.iter()
                .filter(|r| r.sector == "fishing")
                .all(|r| COASTAL_PROVINCES.contains(&r.province_code.as_str()))
        );

        // Members: small cooperatives dominate.
        let mut members: Vec<i64> = rows
            .iter()
            .filter(|r| r.kind == "cooperative")
            .map(|r| r.members.parse().unwrap())
            .collect();
        members.sort_unstable();
        let median = members[members.len() / 2];
        assert!((10..=14).contains(&median), "median members {median}");

        // Law 112-12: pre-existing cooperatives and their adaptation.
        let pre = rows.iter().filter(|r| r.pre_112_12 == "true").count() as f64;
        let lapsed = rows.iter().filter(|r| r.status == "lapsed").count() as f64;
        assert!(
            (0.2..=0.4).contains(&(lapsed / pre)),
            "lapsed among pre-existing: {}",
            lapsed / pre
        );
        assert!(
            rows.iter()
                .filter(|r| r.status == "lapsed")
                .all(|r| r.adaptation_state == "out_of_time")
        );
    }

    #[test]
    fn synth_csv_reads_back() {
        let mut out = Vec::new();
        write_csv(&mut out, 300, 5).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(headers, IMPORT_COLUMNS);
        let back: Vec<RawCooperative> = reader.deserialize().collect::<Result<_, _>>().unwrap();
        assert_eq!(back, records(300, 5).collect::<Vec<_>>());

        let mut empty = Vec::new();
        write_csv(&mut empty, 0, 5).unwrap();
        assert_eq!(
            String::from_utf8(empty).unwrap().trim_end(),
            IMPORT_COLUMNS.join(",")
        );
    }

    #[test]
    fn synth_territory_and_words() {
        let t = &*TERRITORY;
        assert_eq!(t.provinces.len(), 75);
        assert_eq!(t.regions.iter().map(Vec::len).sum::<usize>(), 1503);
        assert!(t.regions.iter().all(|communes| !communes.is_empty()));
        // Courts come from courts.csv and are valid codes.
        let errachidia = t.regions[7]
            .iter()
            .find(|c| c.code.starts_with("08.201"))
            .unwrap();
        assert!(!errachidia.court_code.is_empty());
        for c in t.regions.iter().flatten().filter(|c| !c.court_code.is_empty()) {
            assert!(CourtCode::parse("c", &c.court_code).is_ok(), "{}", c.court_code);
        }
        let words = WORDS_ARABIC.len() + WORDS_AMAZIGH.len() + WORDS_PLACE.len() + WORDS_PRODUCT.len();
        assert!(words >= 120, "{words} distinctive words");
        // Every branch of the domain has its phrases.
        for (_, branches) in SECTORS {
            for b in *branches {
                assert!(BRANCH_PHRASES.iter().any(|(p, _)| p == b), "no phrase for {b}");
            }
        }
        assert_eq!(format_date(days_from_civil(2016, 2, 29)), "2016-02-29");
        assert_eq!(format_date(days_from_civil(1975, 1, 1)), "1975-01-01");
    }
}
