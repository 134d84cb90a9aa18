// Writes the independent reference data under tests/data/lunar/ from the
// 6tail "lunar-javascript" package (npm, version 1.7.7; an astronomically
// computed calendar, 寿星天文历 algorithms, Beijing time UTC+8). Nothing here
// uses cadence's own table or libnova.
//
//   mkdir -p /tmp/lunar-ref && cd /tmp/lunar-ref && npm install lunar-javascript@1.7.7
//   NODE_PATH=/tmp/lunar-ref/node_modules node tools/lunar/make_reference.js tests/data/lunar
'use strict';
const fs = require('fs');
const path = require('path');
const { Solar, Lunar, LunarYear, LunarMonth } = require('lunar-javascript');

const out = process.argv[2] || 'tests/data/lunar';
const version = require('lunar-javascript/package.json').version;
const header = (what) => `# ${what}\n# source: lunar-javascript ${version} (npm), tools/lunar/make_reference.js\n`;
const ymd = (s) => s.toYmd();

// Lunar date of a Solar, as "year,month,day,leap".
const lunarOf = (s) => {
  const l = s.getLunar();
  return `${l.getYear()},${Math.abs(l.getMonth())},${l.getDay()},${l.getMonth() < 0 ? 1 : 0}`;
};

// 1. Per lunar year: new year date, leap month, and every month's length in order.
{
  let text = header('lunar_year,new_year,leap_month,month_days (in order; the leap month follows its regular month)');
  text += 'lunar_year,new_year,leap_month,month_days\n';
  for (let y = 1900; y <= 2100; ++y) {
    const ly = LunarYear.fromYear(y);
    const months = ly.getMonths().filter((m) => m.getYear() === y);
    const days = months.map((m) => m.getDayCount()).join(' ');
    const ny = Lunar.fromYmd(y, 1, 1).getSolar();
    text += `${y},${ymd(ny)},${ly.getLeapMonth()},${days}\n`;
  }
  fs.writeFileSync(path.join(out, 'lunar_years.csv'), text);
}

// 2. Festivals per lunar year: 春节 1/1, 端午 5/5, 中秋 8/15, 除夕 (last day of month 12).
{
  let text = header('festival dates per lunar year');
  text += 'lunar_year,spring_festival,dragon_boat,mid_autumn,new_years_eve\n';
  for (let y = 1901; y <= 2099; ++y) {
    const last12 = LunarMonth.fromYm(y, 12).getDayCount();
    text += [y, ymd(Lunar.fromYmd(y, 1, 1).getSolar()), ymd(Lunar.fromYmd(y, 5, 5).getSolar()),
      ymd(Lunar.fromYmd(y, 8, 15).getSolar()), ymd(Lunar.fromYmd(y, 12, last12).getSolar())].join(',') + '\n';
  }
  fs.writeFileSync(path.join(out, 'festivals.csv'), text);
}

// 3. Every leap month: first and last day.
{
  let text = header('every leap month 1900-2100');
  text += 'lunar_year,leap_month,days,first_date,last_date\n';
  for (let y = 1900; y <= 2100; ++y) {
    const leap = LunarYear.fromYear(y).getLeapMonth();
    if (leap === 0) continue;
    const days = LunarMonth.fromYm(y, -leap).getDayCount();
    text += [y, leap, days, ymd(Lunar.fromYmd(y, -leap, 1).getSolar()),
      ymd(Lunar.fromYmd(y, -leap, days).getSolar())].join(',') + '\n';
  }
  fs.writeFileSync(path.join(out, 'leap_months.csv'), text);
}

// 4. Random Gregorian dates (fixed seed) over lunar years 1900-2100.
{
  let seed = 20261127;
  const rand = () => {  // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const first = Solar.fromYmd(1900, 1, 31);
  const last = Lunar.fromYmd(2101, 1, 1).getSolar().next(-1);
  const span = last.subtract(first);
  let text = header('random Gregorian dates in lunar years 1900-2100 and their lunar dates');
  text += 'date,lunar_year,lunar_month,lunar_day,leap\n';
  const rows = [`${ymd(first)},${lunarOf(first)}`, `${ymd(last)},${lunarOf(last)}`];
  for (let i = 0; i < 8000; ++i) {
    const s = first.next(Math.floor(rand() * (span + 1)));
    rows.push(`${ymd(s)},${lunarOf(s)}`);
  }
  fs.writeFileSync(path.join(out, 'random_dates.csv'), text + rows.join('\n') + '\n');
}

// 5. The 24 solar terms per Gregorian year, Beijing time.
{
  const keys = ['XIAO_HAN', 'DA_HAN', 'LI_CHUN', 'YU_SHUI', 'JING_ZHE', 'CHUN_FEN', 'QING_MING',
    'GU_YU', 'LI_XIA', 'XIAO_MAN', 'MANG_ZHONG', 'XIA_ZHI', 'XIAO_SHU', 'DA_SHU', 'LI_QIU',
    'CHU_SHU', 'BAI_LU', 'QIU_FEN', 'HAN_LU', 'SHUANG_JIANG', 'LI_DONG', 'XIAO_XUE', 'DA_XUE',
    'DONG_ZHI'];
  const zh = ['小寒', '大寒', '立春', '雨水', '惊蛰', '春分', '清明', '谷雨', '立夏', '小满', '芒种',
    '夏至', '小暑', '大暑', '立秋', '处暑', '白露', '秋分', '寒露', '霜降', '立冬', '小雪', '大雪', '冬至'];
  let text = header('solar terms per Gregorian year, date and time in Beijing time (UTC+8); index 0 = 小寒');
  text += 'year,term,name,date,time\n';
  for (let y = 1900; y <= 2100; ++y) {
    const found = new Map();
    for (const probe of [Lunar.fromYmd(y, 1, 1), Solar.fromYmd(y, 12, 31).getLunar()]) {
      const table = probe.getJieQiTable();
      for (const name of Object.keys(table)) {
        const s = table[name];
        if (s.getYear() !== y) continue;
        let index = zh.indexOf(name);
        if (index < 0) index = keys.indexOf(name);
        if (index < 0) throw new Error(`unknown term name ${name}`);
        found.set(index, s);
      }
    }
    for (let k = 0; k < 24; ++k) {
      const s = found.get(k);
      if (!s) throw new Error(`term ${k} missing in ${y}`);
      text += `${y},${k},${zh[k]},${ymd(s)},${s.toYmdHms().slice(11)}\n`;
    }
  }
  fs.writeFileSync(path.join(out, 'solar_terms.csv'), text);
}
