// "Did you mean": the closest candidate by edit distance (transpositions count as one edit),
// accepted only when the distance is small for the word's length.

// Rows of the distance table, reused: a broken file asks for a guess for each of its words.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

export function editDistance(a: string, b: string, limit = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (rowA.length <= m) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
    rowC = new Int32Array(m + 1);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/** Candidates in lower case, made once per candidate list (the walker keeps one list per block kind). */
const LOWERED = new WeakMap<readonly string[], string[]>();

function lowered(candidates: readonly string[]): string[] {
  let out = LOWERED.get(candidates);
  if (!out) {
    out = candidates.map((c) => c.toLowerCase());
    LOWERED.set(candidates, out);
  }
  return out;
}

export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  // `$NETWORK_INTERFACE`: an unrendered variable, not a misspelt keyword ('interface').
  if (word.startsWith('$')) return undefined;
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  const lowers = lowered(list);
  const lower = word.toLowerCase();
  const limit = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestD = limit + 1;
  // A word that is whole `_`-separated parts of exactly one candidate, or the other way round
  // (`script_security` for `enable_script_security`): too many edits away, plainly meant.
  let part: string | undefined;
  let parts = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const cl = lowers[i]!;
    if (cl === lower) return c; // wrong case only
    const d = editDistance(lower, cl, limit);
    if (d < bestD && (d < 3 || alike(lower, cl))) {
      bestD = d;
      best = c;
    }
    if (word.length >= 6 && c.length >= 6 && (partOf(lower, cl) || partOf(cl, lower))) {
      parts++;
      part = c;
    }
  }
  return best ?? (parts === 1 ? part : undefined);
}

/**
 * The short words keepalived's keywords use, with the long words users write for them (`advert_interval`
 * for `advert_int`, `unicast_source_ip` for `unicast_src_ip`).
 */
const LONG_FORMS: Record<string, readonly string[]> = {
  int: ['interval'],
  algo: ['algorithm'],
  src: ['source'],
  dst: ['destination', 'dest'],
  mcast: ['multicast'],
  addr: ['address'],
  prio: ['priority'],
  pri: ['priority'],
  max: ['maximum'],
  min: ['minimum'],
  num: ['number'],
  grp: ['group'],
  sched: ['scheduler', 'scheduling'],
  rcv: ['receive'],
  bufs: ['buffers'],
  conn: ['connection', 'connect'],
  auth: ['authentication'],
  lvs: ['ipvs'],
};

/** Whether `long` is a long form of the keyword word `short`, maybe misspelt by a letter or two (`algorythm`). */
function longFormOf(short: string, long: string): boolean {
  if (!Object.hasOwn(LONG_FORMS, short)) return false;
  const forms = LONG_FORMS[short]!;
  for (const f of forms) if (f === long || (long.length >= 6 && editDistance(long, f, 2) <= 2)) return true;
  return false;
}

/**
 * For keywords, when `suggest` finds nothing: the one candidate whose `_`-separated words are the
 * word's, but for one that the candidate writes short and the word long, or the other way round
 * (`advert_interval` for `advert_int`, `unicast_source_ip` for `unicast_src_ip`, `lb_algorythm` for
 * `lb_algo`). Only known abbreviations count: a keyword with another word glued on
 * (`virtual_ipaddressweight`) is no long form of it. Only a single such candidate is a guess.
 */
export function suggestAbbreviated(word: string, candidates: Iterable<string>): string | undefined {
  if (!/^[a-z]+(?:_[a-z]+)+$/i.test(word)) return undefined;
  const w = word.toLowerCase().split('_');
  let found: string | undefined;
  for (const c of candidates) {
    if (!oneWordAbbreviated(w, c.toLowerCase().split('_'))) continue;
    if (found !== undefined) return undefined;
    found = c;
  }
  return found;
}

function oneWordAbbreviated(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (++differing > 1) return false;
    if (!longFormOf(y, x) && !longFormOf(x, y)) return false;
  }
  return differing === 1;
}

/**
 * For names the user made up (instances, scripts): the one candidate that is the name with one run of
 * whole `_`-separated words added or removed anywhere, the middle included (`Alef_platform_Data_IPS` for
 * `Alef_platform_IPS`: seen on a pasted config). Only a single such candidate is a guess.
 */
export function suggestByWords(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase().split('_');
  if (w.length < 2 || w.some((x) => !x)) return undefined;
  let found: string | undefined;
  for (const c of candidates) {
    const p = c.toLowerCase().split('_');
    if (p.length < 2 || p.some((x) => !x)) continue;
    if (!(wordRunAdded(w, p) || wordRunAdded(p, w))) continue;
    if (found !== undefined) return undefined;
    found = c;
  }
  return found;
}

/** Whether `long` is `short` with one contiguous run of words inserted somewhere. */
function wordRunAdded(short: string[], long: string[]): boolean {
  if (long.length <= short.length) return false;
  let head = 0;
  while (head < short.length && short[head] === long[head]) head++;
  const extra = long.length - short.length;
  for (let i = head; i < short.length; i++) if (short[i] !== long[i + extra]) return false;
  return true;
}

/** Whether `part` is `whole` with whole `_`-separated words added before or after it. */
function partOf(part: string, whole: string): boolean {
  const rest = whole.length - part.length;
  if (rest < 1) return false;
  return (whole.charCodeAt(rest - 1) === 95 && whole.endsWith(part)) || (whole.charCodeAt(part.length) === 95 && whole.startsWith(part));
}

/**
 * Whether two names three edits apart still look alike once the part they share is set aside:
 * `track_vips` and `track_file` differ in a whole word ('vips', 'file'), which is no typo, while
 * `smtp_connect_time` only lacks the end of `smtp_connect_timeout`.
 */
function alike(a: string, b: string): boolean {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const x = a.slice(start, a.length - end);
  const y = b.slice(start, b.length - end);
  if (!x || !y) return true;
  return 2 * commonSubsequence(x, y) >= Math.max(x.length, y.length);
}

function commonSubsequence(x: string, y: string): number {
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = [0];
    for (let j = 1; j <= y.length; j++) cur.push(x[i - 1] === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!));
    prev = cur;
  }
  return prev[y.length]!;
}
