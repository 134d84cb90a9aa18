// Lunar years 1900-2100: one row per year. GENERATED; do not edit by hand.
//
// Provenance (docs/LUNAR.md): tools/lunar/gen_lunar_table.cpp `rows` computes
// every new moon and principal solar term with libnova 0.16 (ELP 2000-82B Moon,
// VSOP87 Sun, full series, Espenak-Meeus ΔT) and applies the traditional rules
// in UTC+8 — except lunar years 1912-1928, computed for Beijing mean time
// (UTC+7:45:40) as the calendars of that period were; that changes 1914, 1915,
// 1916 and 1920. The comment on each row gives the year's first day, its month
// count and how close (minutes) the nearest new moon / principal term of the
// year came to midnight. All 201 rows match lunar-javascript 1.7.7
// (tests/data/lunar/lunar_years.csv), and are re-derived in
// tests/calendar/lunar_astro_test.cpp.
#include "calendar/lunar_table.hpp"

namespace cadence::lunar_table {

// clang-format off
const std::array<YearRow, kYearCount> kYears = {{
    {1900, 31, 8, 0x16d2},  // 1900-01-31 months=13 nm=70.3min zq=40.1min
    {1901, 50, 0, 0x0752},  // 1901-02-19 months=12 nm=147.3min zq=96.1min
    {1902, 39, 0, 0x0ea5},  // 1902-02-08 months=12 nm=38.5min zq=140.2min
    {1903, 29, 5, 0x164a},  // 1903-01-29 months=13 nm=13.4min zq=55.0min
    {1904, 47, 0, 0x064b},  // 1904-02-16 months=12 nm=23.5min zq=52.0min
    {1905, 35, 0, 0x0a9b},  // 1905-02-04 months=12 nm=10.5min zq=90.0min
    {1906, 25, 4, 0x1556},  // 1906-01-25 months=13 nm=6.3min zq=113.4min
    {1907, 44, 0, 0x056a},  // 1907-02-13 months=12 nm=43.1min zq=96.9min
    {1908, 33, 0, 0x0b59},  // 1908-02-02 months=12 nm=27.1min zq=11.0min
    {1909, 22, 2, 0x1752},  // 1909-01-22 months=13 nm=51.7min zq=44.6min
    {1910, 41, 0, 0x0752},  // 1910-02-10 months=12 nm=20.9min zq=71.8min
    {1911, 30, 6, 0x1b25},  // 1911-01-30 months=13 nm=20.0min zq=114.4min
    {1912, 49, 0, 0x0b25},  // 1912-02-18 months=12 nm=52.1min zq=26.1min
    {1913, 37, 0, 0x0a4b},  // 1913-02-06 months=12 nm=75.9min zq=21.5min
    {1914, 26, 5, 0x14ab},  // 1914-01-26 months=13 nm=12.6min zq=8.1min
    {1915, 45, 0, 0x02ad},  // 1915-02-14 months=12 nm=9.1min zq=37.0min
    {1916, 34, 0, 0x056b},  // 1916-02-03 months=12 nm=6.4min zq=76.5min
    {1917, 23, 2, 0x0b69},  // 1917-01-23 months=13 nm=114.3min zq=3.1min
    {1918, 42, 0, 0x0da9},  // 1918-02-11 months=12 nm=55.5min zq=32.8min
    {1919, 32, 7, 0x1d92},  // 1919-02-01 months=13 nm=37.5min zq=4.8min
    {1920, 51, 0, 0x0e92},  // 1920-02-20 months=12 nm=9.6min zq=58.4min
    {1921, 39, 0, 0x0d25},  // 1921-02-08 months=12 nm=114.5min zq=42.0min
    {1922, 28, 5, 0x1a4d},  // 1922-01-28 months=13 nm=109.2min zq=5.4min
    {1923, 47, 0, 0x0a56},  // 1923-02-16 months=12 nm=47.6min zq=14.6min
    {1924, 36, 0, 0x02b6},  // 1924-02-05 months=12 nm=16.9min zq=30.1min
    {1925, 24, 4, 0x15b5},  // 1925-01-24 months=13 nm=26.4min zq=18.8min
    {1926, 44, 0, 0x06d4},  // 1926-02-13 months=12 nm=65.8min zq=49.5min
    {1927, 33, 0, 0x0ea9},  // 1927-02-02 months=12 nm=37.1min zq=40.0min
    {1928, 23, 2, 0x1e92},  // 1928-01-23 months=13 nm=18.2min zq=7.9min
    {1929, 41, 0, 0x0e92},  // 1929-02-10 months=12 nm=114.9min zq=18.7min
    {1930, 30, 6, 0x0d26},  // 1930-01-30 months=13 nm=133.5min zq=78.0min
    {1931, 48, 0, 0x052b},  // 1931-02-17 months=12 nm=32.2min zq=79.7min
    {1932, 37, 0, 0x0a57},  // 1932-02-06 months=12 nm=64.0min zq=37.3min
    {1933, 26, 5, 0x12b6},  // 1933-01-26 months=13 nm=3.0min zq=67.6min
    {1934, 45, 0, 0x0b5a},  // 1934-02-14 months=12 nm=27.3min zq=105.2min
    {1935, 35, 0, 0x06d4},  // 1935-02-04 months=12 nm=27.3min zq=128.0min
    {1936, 24, 3, 0x0ec9},  // 1936-01-24 months=13 nm=41.4min zq=98.3min
    {1937, 42, 0, 0x0749},  // 1937-02-11 months=12 nm=145.1min zq=58.8min
    {1938, 31, 7, 0x1693},  // 1938-01-31 months=13 nm=120.5min zq=59.5min
    {1939, 50, 0, 0x0a93},  // 1939-02-19 months=12 nm=35.0min zq=126.0min
    {1940, 39, 0, 0x052b},  // 1940-02-08 months=12 nm=199.0min zq=140.6min
    {1941, 27, 6, 0x0a5b},  // 1941-01-27 months=13 nm=100.3min zq=23.5min
    {1942, 46, 0, 0x0aad},  // 1942-02-15 months=12 nm=7.4min zq=16.5min
    {1943, 36, 0, 0x056a},  // 1943-02-05 months=12 nm=35.8min zq=89.1min
    {1944, 25, 4, 0x1b55},  // 1944-01-25 months=13 nm=35.8min zq=108.6min
    {1945, 44, 0, 0x0ba4},  // 1945-02-13 months=12 nm=93.1min zq=4.8min
    {1946, 33, 0, 0x0b49},  // 1946-02-02 months=12 nm=83.7min zq=19.4min
    {1947, 22, 2, 0x1a93},  // 1947-01-22 months=13 nm=34.0min zq=42.8min
    {1948, 41, 0, 0x0a95},  // 1948-02-10 months=12 nm=163.5min zq=56.8min
    {1949, 29, 7, 0x152d},  // 1949-01-29 months=13 nm=49.4min zq=43.9min
    {1950, 48, 0, 0x0536},  // 1950-02-17 months=12 nm=7.3min zq=0.8min
    {1951, 37, 0, 0x0aad},  // 1951-02-06 months=12 nm=40.3min zq=0.1min
    {1952, 27, 5, 0x15aa},  // 1952-01-27 months=13 nm=39.7min zq=13.8min
    {1953, 45, 0, 0x05b2},  // 1953-02-14 months=12 nm=4.6min zq=60.0min
    {1954, 34, 0, 0x0da5},  // 1954-02-03 months=12 nm=4.6min zq=35.9min
    {1955, 24, 3, 0x1d4a},  // 1955-01-24 months=13 nm=5.7min zq=35.4min
    {1956, 43, 0, 0x0d4a},  // 1956-02-12 months=12 nm=43.6min zq=4.7min
    {1957, 31, 8, 0x0a95},  // 1957-01-31 months=13 nm=12.3min zq=20.5min
    {1958, 49, 0, 0x0a97},  // 1958-02-18 months=12 nm=21.8min zq=14.1min
    {1959, 39, 0, 0x0556},  // 1959-02-08 months=12 nm=86.1min zq=74.5min
    {1960, 28, 6, 0x0ab5},  // 1960-01-28 months=13 nm=143.5min zq=33.7min
    {1961, 46, 0, 0x0ad5},  // 1961-02-15 months=12 nm=54.1min zq=12.6min
    {1962, 36, 0, 0x06d2},  // 1962-02-05 months=12 nm=138.1min zq=47.5min
    {1963, 25, 4, 0x0ea5},  // 1963-01-25 months=13 nm=138.1min zq=118.1min
    {1964, 44, 0, 0x0ea5},  // 1964-02-13 months=12 nm=19.6min zq=62.7min
    {1965, 33, 0, 0x064a},  // 1965-02-02 months=12 nm=13.9min zq=50.0min
    {1966, 21, 3, 0x0c97},  // 1966-01-21 months=13 nm=13.9min zq=102.3min
    {1967, 40, 0, 0x0a9b},  // 1967-02-09 months=12 nm=9.6min zq=98.1min
    {1968, 30, 7, 0x155a},  // 1968-01-30 months=13 nm=25.0min zq=110.8min
    {1969, 48, 0, 0x056a},  // 1969-02-17 months=12 nm=25.0min zq=108.9min
    {1970, 37, 0, 0x0b69},  // 1970-02-06 months=12 nm=42.2min zq=72.7min
    {1971, 27, 5, 0x1752},  // 1971-01-27 months=13 nm=77.8min zq=44.9min
    {1972, 46, 0, 0x0b52},  // 1972-02-15 months=12 nm=17.5min zq=122.5min
    {1973, 34, 0, 0x0b25},  // 1973-02-03 months=12 nm=53.0min zq=132.5min
    {1974, 23, 4, 0x164b},  // 1974-01-23 months=13 nm=24.7min zq=36.3min
    {1975, 42, 0, 0x0a4b},  // 1975-02-11 months=12 nm=39.0min zq=4.8min
    {1976, 31, 8, 0x14ab},  // 1976-01-31 months=13 nm=49.4min zq=78.5min
    {1977, 49, 0, 0x02ad},  // 1977-02-18 months=12 nm=66.0min zq=102.3min
    {1978, 38, 0, 0x056d},  // 1978-02-07 months=12 nm=8.9min zq=0.1min
    {1979, 28, 6, 0x0b69},  // 1979-01-28 months=13 nm=45.2min zq=6.1min
    {1980, 47, 0, 0x0da9},  // 1980-02-16 months=12 nm=85.0min zq=42.0min
    {1981, 36, 0, 0x0d92},  // 1981-02-05 months=12 nm=76.6min zq=62.9min
    {1982, 25, 4, 0x1d25},  // 1982-01-25 months=13 nm=50.1min zq=36.7min
    {1983, 44, 0, 0x0d25},  // 1983-02-13 months=12 nm=103.4min zq=9.8min
    {1984, 33, 10, 0x1a4d},  // 1984-02-02 months=13 nm=47.8min zq=1.8min
    {1985, 51, 0, 0x0a56},  // 1985-02-20 months=12 nm=99.7min zq=13.7min
    {1986, 40, 0, 0x02b6},  // 1986-02-09 months=12 nm=42.6min zq=30.0min
    {1987, 29, 6, 0x05b5},  // 1987-01-29 months=13 nm=5.8min zq=9.9min
    {1988, 48, 0, 0x06d5},  // 1988-02-17 months=12 nm=5.8min zq=32.1min
    {1989, 37, 0, 0x0ea9},  // 1989-02-06 months=12 nm=5.6min zq=20.5min
    {1990, 27, 5, 0x1e92},  // 1990-01-27 months=13 nm=23.3min zq=14.0min
    {1991, 46, 0, 0x0e92},  // 1991-02-15 months=12 nm=91.7min zq=47.2min
    {1992, 35, 0, 0x0d26},  // 1992-02-04 months=12 nm=104.4min zq=76.8min
    {1993, 23, 3, 0x0a56},  // 1993-01-23 months=13 nm=90.1min zq=24.8min
    {1994, 41, 0, 0x0a57},  // 1994-02-10 months=12 nm=66.5min zq=24.0min
    {1995, 31, 8, 0x14d6},  // 1995-01-31 months=13 nm=17.2min zq=85.2min
    {1996, 50, 0, 0x035a},  // 1996-02-19 months=12 nm=14.8min zq=114.1min
    {1997, 38, 0, 0x06d5},  // 1997-02-07 months=12 nm=51.5min zq=68.5min
    {1998, 28, 5, 0x16c9},  // 1998-01-28 months=13 nm=14.0min zq=61.4min
    {1999, 47, 0, 0x0749},  // 1999-02-16 months=12 nm=133.6min zq=128.9min
    {2000, 36, 0, 0x0693},  // 2000-02-05 months=12 nm=81.6min zq=87.6min
    {2001, 24, 4, 0x152b},  // 2001-01-24 months=13 nm=34.4min zq=92.7min
    {2002, 43, 0, 0x052b},  // 2002-02-12 months=12 nm=195.2min zq=102.2min
    {2003, 32, 0, 0x0a5b},  // 2003-02-01 months=12 nm=86.3min zq=102.4min
    {2004, 22, 2, 0x155a},  // 2004-01-22 months=13 nm=91.0min zq=29.8min
    {2005, 40, 0, 0x056a},  // 2005-02-09 months=12 nm=59.1min zq=100.7min
    {2006, 29, 7, 0x1b55},  // 2006-01-29 months=13 nm=5.2min zq=145.6min
    {2007, 49, 0, 0x0ba4},  // 2007-02-18 months=12 nm=14.3min zq=43.5min
    {2008, 38, 0, 0x0b49},  // 2008-02-07 months=12 nm=54.5min zq=0.9min
    {2009, 26, 5, 0x1a93},  // 2009-01-26 months=13 nm=5.9min zq=35.7min
    {2010, 45, 0, 0x0a95},  // 2010-02-14 months=12 nm=95.7min zq=92.2min
    {2011, 34, 0, 0x052d},  // 2011-02-03 months=12 nm=87.7min zq=7.8min
    {2012, 23, 4, 0x0aad},  // 2012-01-23 months=13 nm=5.6min zq=12.0min
    {2013, 41, 0, 0x0ab5},  // 2013-02-10 months=12 nm=3.7min zq=4.0min
    {2014, 31, 9, 0x15aa},  // 2014-01-31 months=13 nm=107.3min zq=57.1min
    {2015, 50, 0, 0x05d2},  // 2015-02-19 months=12 nm=66.7min zq=32.9min
    {2016, 39, 0, 0x0da5},  // 2016-02-08 months=12 nm=81.1min zq=30.6min
    {2017, 28, 6, 0x1d4a},  // 2017-01-28 months=13 nm=61.7min zq=27.9min
    {2018, 47, 0, 0x0d4a},  // 2018-02-16 months=12 nm=2.0min zq=15.4min
    {2019, 36, 0, 0x0c95},  // 2019-02-05 months=12 nm=3.9min zq=5.8min
    {2020, 25, 4, 0x152e},  // 2020-01-25 months=13 nm=16.5min zq=15.1min
    {2021, 43, 0, 0x0556},  // 2021-02-12 months=12 nm=129.9min zq=0.8min
    {2022, 32, 0, 0x0ab5},  // 2022-02-01 months=12 nm=94.7min zq=26.7min
    {2023, 22, 2, 0x15b2},  // 2023-01-22 months=13 nm=6.8min zq=20.8min
    {2024, 41, 0, 0x06d2},  // 2024-02-10 months=12 nm=140.7min zq=65.1min
    {2025, 29, 6, 0x0ea5},  // 2025-01-29 months=13 nm=191.1min zq=57.0min
    {2026, 48, 0, 0x0725},  // 2026-02-17 months=12 nm=4.0min zq=8.2min
    {2027, 37, 0, 0x064b},  // 2027-02-06 months=12 nm=4.0min zq=27.3min
    {2028, 26, 5, 0x0c97},  // 2028-01-26 months=13 nm=47.6min zq=119.2min
    {2029, 44, 0, 0x0cab},  // 2029-02-13 months=12 nm=7.3min zq=98.3min
    {2030, 34, 0, 0x055a},  // 2030-02-03 months=12 nm=7.3min zq=60.2min
    {2031, 23, 3, 0x0ad6},  // 2031-01-23 months=13 nm=11.3min zq=70.7min
    {2032, 42, 0, 0x0b69},  // 2032-02-11 months=12 nm=24.5min zq=151.0min
    {2033, 31, 11, 0x1752},  // 2033-01-31 months=13 nm=111.5min zq=51.5min
    {2034, 50, 0, 0x0b52},  // 2034-02-19 months=12 nm=13.6min zq=96.1min
    {2035, 39, 0, 0x0b25},  // 2035-02-08 months=12 nm=71.6min zq=104.1min
    {2036, 28, 6, 0x1a4b},  // 2036-01-28 months=13 nm=25.8min zq=105.1min
    {2037, 46, 0, 0x0a4b},  // 2037-02-15 months=12 nm=7.5min zq=12.8min
    {2038, 35, 0, 0x04ab},  // 2038-02-04 months=12 nm=42.8min zq=59.6min
    {2039, 24, 5, 0x055b},  // 2039-01-24 months=13 nm=31.8min zq=151.8min
    {2040, 43, 0, 0x05ad},  // 2040-02-12 months=12 nm=46.5min zq=65.2min
    {2041, 32, 0, 0x0b6a},  // 2041-02-01 months=12 nm=16.0min zq=11.4min
    {2042, 22, 2, 0x1b52},  // 2042-01-22 months=13 nm=82.8min zq=6.1min
    {2043, 41, 0, 0x0d92},  // 2043-02-10 months=12 nm=83.3min zq=87.5min
    {2044, 30, 7, 0x1d25},  // 2044-01-30 months=13 nm=62.5min zq=15.0min
    {2045, 48, 0, 0x0d25},  // 2045-02-17 months=12 nm=74.6min zq=7.4min
    {2046, 37, 0, 0x0a55},  // 2046-02-06 months=12 nm=37.8min zq=51.6min
    {2047, 26, 5, 0x14ad},  // 2047-01-26 months=13 nm=145.5min zq=52.4min
    {2048, 45, 0, 0x04b6},  // 2048-02-14 months=12 nm=30.2min zq=6.4min
    {2049, 33, 0, 0x05b5},  // 2049-02-02 months=12 nm=14.7min zq=12.9min
    {2050, 23, 3, 0x0daa},  // 2050-01-23 months=13 nm=56.9min zq=38.4min
    {2051, 42, 0, 0x0ec9},  // 2051-02-11 months=12 nm=52.1min zq=1.1min
    {2052, 32, 8, 0x1e92},  // 2052-02-01 months=13 nm=31.1min zq=44.1min
    {2053, 50, 0, 0x0e92},  // 2053-02-19 months=12 nm=31.1min zq=50.1min
    {2054, 39, 0, 0x0d26},  // 2054-02-08 months=12 nm=60.5min zq=9.6min
    {2055, 28, 6, 0x0a56},  // 2055-01-28 months=13 nm=99.0min zq=31.7min
    {2056, 46, 0, 0x0a57},  // 2056-02-15 months=12 nm=6.0min zq=25.0min
    {2057, 35, 0, 0x04d6},  // 2057-02-04 months=12 nm=0.1min zq=95.3min
    {2058, 24, 4, 0x06d5},  // 2058-01-24 months=13 nm=11.5min zq=35.3min
    {2059, 43, 0, 0x0755},  // 2059-02-12 months=12 nm=10.4min zq=4.9min
    {2060, 33, 0, 0x0749},  // 2060-02-02 months=12 nm=6.7min zq=26.9min
    {2061, 21, 3, 0x0e93},  // 2061-01-21 months=13 nm=44.0min zq=147.2min
    {2062, 40, 0, 0x0693},  // 2062-02-09 months=12 nm=56.6min zq=77.7min
    {2063, 29, 7, 0x152b},  // 2063-01-29 months=13 nm=68.3min zq=39.0min
    {2064, 48, 0, 0x052b},  // 2064-02-17 months=12 nm=108.8min zq=78.1min
    {2065, 36, 0, 0x0a5b},  // 2065-02-05 months=12 nm=39.0min zq=146.2min
    {2066, 26, 5, 0x155a},  // 2066-01-26 months=13 nm=133.0min zq=26.6min
    {2067, 45, 0, 0x056a},  // 2067-02-14 months=12 nm=115.4min zq=50.3min
    {2068, 34, 0, 0x0b65},  // 2068-02-03 months=12 nm=48.9min zq=123.4min
    {2069, 23, 4, 0x174a},  // 2069-01-23 months=13 nm=43.4min zq=100.9min
    {2070, 42, 0, 0x0b4a},  // 2070-02-11 months=12 nm=8.2min zq=15.6min
    {2071, 31, 8, 0x1a95},  // 2071-01-31 months=13 nm=57.1min zq=11.8min
    {2072, 50, 0, 0x0a95},  // 2072-02-19 months=12 nm=58.7min zq=140.6min
    {2073, 38, 0, 0x052d},  // 2073-02-07 months=12 nm=55.0min zq=66.6min
    {2074, 27, 6, 0x0aad},  // 2074-01-27 months=13 nm=60.9min zq=38.8min
    {2075, 46, 0, 0x0ab5},  // 2075-02-15 months=12 nm=81.3min zq=26.9min
    {2076, 36, 0, 0x05aa},  // 2076-02-05 months=12 nm=73.6min zq=98.4min
    {2077, 24, 4, 0x0ba5},  // 2077-01-24 months=13 nm=59.8min zq=23.0min
    {2078, 43, 0, 0x0da5},  // 2078-02-12 months=12 nm=55.9min zq=13.5min
    {2079, 33, 0, 0x0d4a},  // 2079-02-02 months=12 nm=62.4min zq=77.9min
    {2080, 22, 3, 0x1c95},  // 2080-01-22 months=13 nm=23.3min zq=43.7min
    {2081, 40, 0, 0x0c96},  // 2081-02-09 months=12 nm=43.6min zq=5.4min
    {2082, 29, 7, 0x194e},  // 2082-01-29 months=13 nm=5.9min zq=46.9min
    {2083, 48, 0, 0x0556},  // 2083-02-17 months=12 nm=76.8min zq=53.0min
    {2084, 37, 0, 0x0ab5},  // 2084-02-06 months=12 nm=63.4min zq=0.9min
    {2085, 26, 5, 0x15b2},  // 2085-01-26 months=13 nm=36.8min zq=39.8min
    {2086, 45, 0, 0x06d2},  // 2086-02-14 months=12 nm=52.8min zq=99.5min
    {2087, 34, 0, 0x0ea5},  // 2087-02-03 months=12 nm=110.7min zq=8.1min
    {2088, 24, 4, 0x0e4a},  // 2088-01-24 months=13 nm=15.0min zq=43.3min
    {2089, 41, 0, 0x068b},  // 2089-02-10 months=12 nm=2.5min zq=5.0min
    {2090, 30, 8, 0x0c97},  // 2090-01-30 months=13 nm=30.5min zq=133.2min
    {2091, 49, 0, 0x04ab},  // 2091-02-18 months=12 nm=57.5min zq=21.8min
    {2092, 38, 0, 0x055b},  // 2092-02-07 months=12 nm=10.1min zq=5.6min
    {2093, 27, 6, 0x0ad6},  // 2093-01-27 months=13 nm=12.3min zq=32.0min
    {2094, 46, 0, 0x0b6a},  // 2094-02-15 months=12 nm=15.7min zq=162.0min
    {2095, 36, 0, 0x0752},  // 2095-02-05 months=12 nm=35.6min zq=59.5min
    {2096, 25, 4, 0x1725},  // 2096-01-25 months=13 nm=49.8min zq=26.4min
    {2097, 43, 0, 0x0b45},  // 2097-02-12 months=12 nm=0.3min zq=80.6min
    {2098, 32, 0, 0x0a8b},  // 2098-02-01 months=12 nm=7.5min zq=122.6min
    {2099, 21, 2, 0x149b},  // 2099-01-21 months=13 nm=9.9min zq=7.9min
    {2100, 40, 0, 0x04ab},  // 2100-02-09 months=12 nm=16.1min zq=23.6min
}};
// clang-format on

}  // namespace cadence::lunar_table
