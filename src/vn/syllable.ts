/**
 * A small Vietnamese syllable validator (onset + vowel nucleus + coda, one tone) used to choose between
 * legacy-encoding candidates; it accepts the regular spellings, not every loanword.
 */

const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'] as const;
const CODAS = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'] as const;

/** Nuclei that stand alone or take a final consonant. */
const OPEN_OR_CLOSED = ['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'oa', 'oe', 'uê', 'uy', 'uơ'];
/** Nuclei that need a final consonant (ăn, ân, tiên, yên, muốn, mương, xoong, hoặc, tuân, tuyết). */
const CLOSED_ONLY = ['ă', 'â', 'iê', 'yê', 'uô', 'ươ', 'oo', 'oă', 'uâ', 'uyê'];
/** Nuclei ending in a glide, which never take a final consonant. */
const OPEN_ONLY = [
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu',
  'iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyu', 'ươi', 'ươu', 'ya',
];

const NUCLEI: ReadonlyMap<string, 'open' | 'closed' | 'both'> = new Map([
  ...OPEN_OR_CLOSED.map((n) => [n, 'both'] as const),
  ...CLOSED_ONLY.map((n) => [n, 'closed'] as const),
  ...OPEN_ONLY.map((n) => [n, 'open'] as const),
]);

const TONES = /[\u0300\u0301\u0309\u0303\u0323]/gu;

/** True when `word` is a well-formed Vietnamese syllable (case-insensitive, any tone placement). */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.normalize('NFD').toLowerCase();
  const tones = nfd.match(TONES) ?? [];
  if (tones.length > 1) return false;
  const tone = tones[0];
  const base = nfd.replace(TONES, '').normalize('NFC');
  if (!/^[a-zâêôăơưđ]+$/u.test(base)) return false;

  for (const onset of ONSETS) {
    if (!base.startsWith(onset)) continue;
    for (const coda of CODAS) {
      if (!base.endsWith(coda) || onset.length + coda.length >= base.length) continue;
      const nucleus = base.slice(onset.length, base.length - coda.length);
      const kind = NUCLEI.get(nucleus);
      if (kind === undefined) continue;
      if (coda === '' && kind === 'closed') continue;
      if (coda !== '' && kind === 'open') continue;
      if (nucleus === 'oo' && coda !== 'ng' && coda !== 'c') continue; // only xoong, boong, moóc, soóc
      // Stop finals take only the sắc or nặng tone (các, cạc; never cà c).
      if (['c', 'ch', 'p', 't'].includes(coda) && tone !== '\u0301' && tone !== '\u0323') continue;
      // nh/ch follow only a, ê, i, y (anh, ênh, inh, oanh, uynh, huỳnh).
      if ((coda === 'nh' || coda === 'ch') && !/[aêiy]$/u.test(nucleus)) continue;
      return true;
    }
  }
  return false;
}
