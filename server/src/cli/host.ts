// File-system adapters for the CLI: the SourceHost the core reads includes through, and the
// discovery of config files from paths, directories and globs.

import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve, relative, isAbsolute } from 'node:path';
import type { SourceHost } from '../core/index.js';
import { expandBraces, globOne, hasWildcard } from '../core/analysis/paths.js';
import { TEMPLATE_EXTENSION } from '../core/syntax/template.js';
import { decodeBytes, encodeText, utf16Evidence } from '../core/syntax/encoding.js';
import { argumentReason, fsPath, ioReason, realPath } from './common.js';

/**
 * Texts `kalint lint --fix-dry-run` has fixed in place of their files, by absolute path: every later read of the file
 * in this process sees them (the next round of fixes, includes, clusters), and nothing is written.
 */
const stagedTexts = new Map<string, string>();

/** Puts `text` in place of the file at `path` for the rest of this process, without writing it. */
export function stageText(path: string, text: string): void {
  stagedTexts.set(resolve(path), text);
}

/** The files staged so far (absolute paths) with their new texts. */
export function stagedFiles(): ReadonlyMap<string, string> {
  return stagedTexts;
}

/**
 * Texts of pipes named on the command line (`kalint lint <(ssh lb1 cat /etc/keepalived/keepalived.conf)`), by absolute
 * path: a pipe gives its text once, and a run may read a config more than once (config ids, clusters).
 */
const pipedTexts = new Map<string, string>();

/** Whether `path` is a named pipe (a shell's `<(…)` is one): read once as a config, never written. */
export function isPipe(path: string): boolean {
  try {
    return statSync(fsPath(path)).isFIFO();
  } catch {
    return false;
  }
}

/**
 * Reads a pipe named on the command line now, once (later reads of its path get the text); an include that names a
 * pipe stays unread, as keepalived skips it. Why it could not be read, or undefined.
 */
export function readPipe(path: string): string | undefined {
  if (pipedTexts.has(resolve(path))) return undefined;
  try {
    pipedTexts.set(resolve(path), decodeBytes(readFileSync(fsPath(path))));
    return undefined;
  } catch (e) {
    return ioReason(e);
  }
}

export const fsHost: SourceHost = {
  readFile(path) {
    const key = resolve(path);
    const staged = stagedTexts.get(key) ?? pipedTexts.get(key);
    if (staged !== undefined) return staged;
    try {
      const native = fsPath(path);
      const st = statSync(native);
      if (!st.isFile()) return undefined;
      return decodeBytes(readFileSync(native));
    } catch {
      return undefined;
    }
  },
  readDir(path) {
    try {
      // Names as bytes: one that is not UTF-8 keeps its bytes as escapes, and reads back through fsPath.
      return readdirSync(fsPath(path), { withFileTypes: true, encoding: 'buffer' }).map((d) => ({ name: decodeBytes(d.name), isDirectory: d.isDirectory() }));
    } catch {
      return undefined;
    }
  },
  isSpecialFile(path) {
    try {
      const st = statSync(fsPath(path));
      return !st.isFile() && !st.isDirectory();
    } catch {
      return false;
    }
  },
  absolutePath(path) {
    return resolve(path);
  },
  environment(name) {
    // keepalived reads its own environment; the shell or CI job running kalint stands in for it.
    return process.env[name];
  },
  isExecutable(path) {
    try {
      // File systems without Unix modes (vfat, NTFS, WSL's /mnt/c) show every file as 0777: no evidence.
      // A folder's x bits let it be entered: no sign of a script.
      const st = statSync(fsPath(path));
      if (!st.isFile()) return false;
      const mode = st.mode & 0o777;
      return (mode & 0o111) !== 0 && mode !== 0o777;
    } catch {
      return false;
    }
  },
};

/**
 * Folders a directory search and a `**` glob do not enter: version control's own, and installed JS packages. Not
 * `dist`: an ops repository renders its configs there (templates/ → dist/), and a search that left it out passed
 * in CI without reading them.
 */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Endings of documents, scripts, sources, data and binaries: a directory search takes a file named for
 * keepalived as a config unless its name ends so (real repositories hold `check_keepalived.sh`,
 * `keepalived.service`, `keepalived.conf.in`, `keepalived_UserGuide.pdf` and `… Keepalived.md` notes,
 * two of which, holding config excerpts, were auto-paired as a cluster; keepalived's own source tree holds
 * `keepalived_netlink.c`, `keepalived_magic.h` and D-Bus `.xml_template`s; ops repositories Puppet `.pp`,
 * Salt `.sls`, SELinux `.te`/`.fc`/`.if` and `.logrotate` files).
 */
const NOT_A_CONFIG = /\.(md|markdown|rst|adoc|txt|html?|pdf|docx?|odt|png|jpe?g|gif|svg|ico|gz|tgz|tar|zip|bz2|xz|7z|rpm|deb|sh|bash|zsh|py|pyc|pl|rb|go|js|ts|lua|c|h|cc|cpp|hpp|java|ya?ml|json|toml|xml|xml_template|xsd|dtd|ini|env|service|socket|timer|target|log|csv|tf|tfvars|tfstate|hcl|lock|patch|diff|in|am|ac|m4|spec|pdb|dll|exe|so|cache|csproj|vcxproj|filters|user|man|pp|sls|te|fc|if|logrotate)$/i;

/**
 * Endings of a service's other files, named for the package (`keepalived.init`, `keepalived.sysconfig`,
 * `keepalived.default` for /etc/default): not configs, unless the name says it is one (`keepalived.conf.default`).
 */
const PACKAGE_FILE = /\.(init|initd|rc|openrc|upstart|sysconfig|default|defaults|cron|pam)$/i;

/** A name that says it is a config: `keepalived.conf`, `lb1.cfg`, `keepalived.conf.backup`, `keepalived.conf-lb1`. */
const CONFIG_NAME = /\.(conf|cfg)(?:$|[.\-_~])/i;

/**
 * Words that start a line of a keepalived config, top-level or in its blocks: a file named for keepalived whose
 * name does not say it is a config (`keepalived`, `Dockerfile.keepalived`, `keepalived.vips`) is one only when its
 * opening text holds one of them.
 */
const KEEPALIVED_WORD = /^[ \t]*(?:@\^?\S+[ \t]+)?(?:(?:global_defs|vrrp_\w+|virtual_server(?:_group)?|static_(?:ipaddress|routes|rules)|include|virtual_ipaddress(?:_excluded)?|virtual_routes|virtual_rules|real_server|track_(?:script|interface|process|file)|unicast_(?:peer|src_ip)|router_id|notification_email(?:_from)?|smtp_server|bfd_instance|garp_group|net_namespace)(?=[\s{]|$)|\$[A-Za-z_]\w*[ \t]*=)/m;

export function looksLikeKeepalived(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  if (NOT_A_CONFIG.test(name)) return false;
  if (/keepalived/i.test(name)) {
    const configName = CONFIG_NAME.test(name);
    if (!configName && PACKAGE_FILE.test(name)) return false;
    const text = fsHost.readFile(path);
    // One that cannot be read is taken, so that the search says why it could not be read.
    if (text === undefined) return true;
    if (isManualPage(text) || notConfigText(text, configName)) return false;
    return configName || KEEPALIVED_WORD.test(readableStart(text));
  }
  if (!/\.(conf|cfg)$/i.test(name) && !/\.conf\./.test(name)) return false;
  const text = fsHost.readFile(path);
  return text !== undefined && hintsKeepalived(text) && !isManualPage(text) && !notConfigText(text);
}

/**
 * A text no keepalived config starts with: a script (`#!`), a binary (an ELF header, or NUL bytes in a file not saved
 * as UTF-16, which KA117 explains) or an XML document (a D-Bus policy named `org.keepalived.Vrrp1.conf`).
 */
function notConfigText(text: string, configName = false): boolean {
  const start = text.slice(0, 65536);
  if (/^(?:\ufeff)?#!/.test(start) || start.startsWith('\x7fELF')) return true;
  // A NUL in a file named as a config (`keepalived.conf`) is KA117's to explain, not a sign of a binary.
  if (!configName && start.includes('\0') && !utf16Evidence(start)) return true;
  return /^(?:\ufeff)?\s*<(?:\?xml|!DOCTYPE)\b/i.test(start);
}

/** The opening text of a file, a UTF-16 one read roughly (without its NULs and byte order mark). */
function readableStart(text: string): string {
  const start = text.slice(0, 65536);
  return utf16Evidence(start) ? start.replace(/\0/g, '').replace(/^(?:\udcff\udcfe|\udcfe\udcff)/, '') : start;
}

/**
 * A manual page, as roff source (`.TH`) or rendered (`keepalived.conf(5)   …   keepalived.conf(5)`):
 * repositories keep copies of keepalived's own named `keepalived.conf.man` or `keepalived.conf`.
 * keepalived would read one as a config full of unknown words (and its ~SEQ example expands to a million
 * lines), so a directory search leaves it out; named on the command line it is still linted.
 */
function isManualPage(text: string | undefined): boolean {
  if (text === undefined) return false;
  const first = /^\s*(\S[^\n]*)/.exec(text.slice(0, 4096))?.[1] ?? '';
  return MAN_PAGE_HEADER.test(first) || ROFF_START.test(first);
}

const MAN_PAGE_HEADER = /^([\w.-]+)\(\d\w*\)\s.*\s\1\(\d\w*\)\s*$/;
const ROFF_START = /^\.(?:TH|Dd|\\")/;

/** Whether the start of a text holds a keepalived top-level word; a UTF-16 file's too, for KA117 to say what it is. */
function hintsKeepalived(text: string): boolean {
  return KEEPALIVED_WORD.test(readableStart(text));
}

/** A keepalived template by name (`keepalived.conf.j2`) or by content (`vrrp_instance {{ name }} {`). */
function looksLikeKeepalivedTemplate(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  if (/keepalived/i.test(name)) return true;
  const text = fsHost.readFile(path);
  return text !== undefined && hintsKeepalived(text);
}

/**
 * Searches a folder: configs to `out`, templates their names say are to be rendered (KA108) to `templates`, and each
 * folder that cannot be read (permission denied) to `problems`, as `PATH: why`. A symlink to a folder is followed
 * after the real folders (so that files keep their own names where both reach them), each folder searched once
 * (a link back up is no loop).
 */
function walkDir(dir: string, out: string[], templates: string[], problems: string[]): void {
  const visited = new Set<string>();
  const linked: string[] = [];
  const search = (root: string): void => {
    const stack = [root];
    while (stack.length) {
      const d = stack.pop()!;
      let real: string;
      try {
        real = realPath(d);
      } catch {
        real = resolve(d);
      }
      if (visited.has(real)) continue;
      visited.add(real);
      let entries: { name: string; isDirectory: boolean; isLink: boolean }[];
      try {
        // Names as bytes: one that is not UTF-8 keeps its bytes as escapes, and reads back through fsPath.
        entries = readdirSync(fsPath(d), { withFileTypes: true, encoding: 'buffer' }).map((e) => ({ name: decodeBytes(e.name), isDirectory: e.isDirectory(), isLink: e.isSymbolicLink() }));
      } catch (e) {
        problems.push(`${d}: ${ioReason(e)}`);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      // Files in name order, then the subfolders in name order (pushed last first, as the stack pops).
      const dirs: string[] = [];
      for (const e of entries) {
        const p = d === '.' ? e.name : d === '/' ? `/${e.name}` : `${d}/${e.name}`;
        if (e.isDirectory || (e.isLink && isDirectory(p))) {
          if (SKIP_DIRS.has(e.name)) continue;
          if (e.isDirectory) dirs.push(p);
          else linked.push(p);
        } else if (TEMPLATE_EXTENSION.test(e.name)) {
          if (looksLikeKeepalivedTemplate(p)) templates.push(p);
        } else if (looksLikeKeepalived(p)) out.push(p);
      }
      for (let i = dirs.length - 1; i >= 0; i--) stack.push(dirs[i]!);
    }
  };
  search(dir);
  while (linked.length) search(linked.shift()!);
}

/**
 * A glob given on the command line, as the shell's globstar, ESLint and Prettier read one (and `ignorePatterns`):
 * a `**` segment matches zero or more folders (not hidden ones, nor node_modules, .git…); the other segments match
 * one name each as glob(3) does. (An `include` in a config keeps keepalived's glob(3), where `**` is `*`: that is
 * the core's globOne, which also matches each other segment here.)
 */
function globCommandLine(pattern: string): string[] {
  const abs = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s) => s !== '');
  const within = (dir: string, name: string) => (dir === '.' && !abs ? name : dir === '/' ? `/${name}` : `${dir}/${name}`);
  let current: string[] = [abs ? '/' : '.'];
  for (let k = 0; k < segs.length; k++) {
    const seg = segs[k]!;
    const next: string[] = [];
    if (seg === '**' && k === segs.length - 1) {
      // `dir/**` names everything below the folder: the folder's search finds it all.
      for (const d of current) if (isDirectory(d)) next.push(d);
    } else if (seg === '**') {
      // Zero folders, then every folder below, each once.
      for (const top of current) {
        const stack = [top];
        while (stack.length) {
          const d = stack.pop()!;
          next.push(d);
          const subdirs = (fsHost.readDir(d) ?? [])
            .filter((e) => e.isDirectory && !e.name.startsWith('.') && !SKIP_DIRS.has(e.name))
            .map((e) => e.name)
            .sort();
          for (let i = subdirs.length - 1; i >= 0; i--) stack.push(within(d, subdirs[i]!));
        }
      }
    } else {
      // One segment, read by the core's glob(3) model with '.' standing for the folder.
      for (const dir of current) for (const name of globOne(seg, (d) => (d === '.' ? fsHost.readDir(dir) : undefined))) next.push(within(dir, name));
    }
    current = [...new Set(next)];
  }
  return current;
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(fsPath(path)).isSymbolicLink() && !existsSync(fsPath(path));
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(fsPath(path)).isDirectory();
  } catch {
    return false;
  }
}

export interface Discovered {
  files: string[];
  /** The files found by searching a directory or expanding a glob (not named one by one). */
  searched: Set<string>;
  /** keepalived templates (`.j2`, `.tmpl`, …) a directory search left out. */
  templates: string[];
  /** Arguments that named nothing, each as `PATH: why` (no such file, permission denied, an empty folder). */
  missing: string[];
  /** The configs each directory or glob argument found (before ignorePatterns leave some out). */
  byArg: Map<string, string[]>;
}

/** Files named on the command line: plain files as given, directories searched, globs expanded. */
export function discover(args: string[]): Discovered {
  const files: string[] = [];
  const missing: string[] = [];
  const templates: string[] = [];
  const searched = new Set<string>();
  const byArg = new Map<string, string[]>();
  // A path that exists is the file or folder it names, even with glob characters in it (`a[1].conf`).
  const isPattern = (arg: string): boolean => (hasWildcard(arg) || /\{.*,.*\}/.test(arg)) && !existsSync(arg);
  for (const arg of args) {
    if (isPattern(arg)) {
      const matches = expandBraces(arg).flatMap(globCommandLine);
      const existing = matches.filter((m) => {
        try {
          const st = statSync(fsPath(m));
          return st.isFile() || st.isDirectory();
        } catch {
          return false;
        }
      });
      // A dangling symlink (`keepalived.conf -> /etc/keepalived/…` in a deploy repository) is taken as a directory
      // search takes it: named for keepalived, it is a config that cannot be read, and said so.
      const dangling = matches.filter((m) => !existing.includes(m) && isDanglingLink(m) && looksLikeKeepalived(m));
      if (!existing.length && !dangling.length) missing.push(`${arg}: no file matches`);
      const missingBefore = missing.length;
      const before = files.length;
      for (const m of dangling) files.push(m);
      const templatesBefore = templates.length;
      for (const m of existing) {
        // A file the glob matches is taken as a directory search would take it (`'g/*/*.conf'` matches nginx.conf too).
        if (statSync(fsPath(m)).isDirectory()) walkDir(m, files, templates, missing);
        else if (TEMPLATE_EXTENSION.test(m.split('/').pop() ?? '')) {
          if (looksLikeKeepalivedTemplate(m)) templates.push(m);
        } else if (looksLikeKeepalived(m)) files.push(m);
      }
      for (const f of files.slice(before)) searched.add(f);
      byArg.set(arg, files.slice(before));
      if (existing.length && files.length === before && templates.length === templatesBefore && missing.length === missingBefore) missing.push(`${arg}: no keepalived configs among the files it matches`);
      continue;
    }
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      missing.push(`${arg}: ${argumentReason(arg, e)}`);
      continue;
    }
    if (st.isFIFO()) {
      const why = readPipe(arg);
      if (why !== undefined) {
        missing.push(`${arg}: ${why}`);
        continue;
      }
    }
    if (st.isDirectory()) {
      const before = files.length;
      const templatesBefore = templates.length;
      const missingBefore = missing.length;
      walkDir(arg.replace(/\/+$/, '') || '/', files, templates, missing);
      for (const f of files.slice(before)) searched.add(f);
      byArg.set(arg, files.slice(before));
      // A folder that cannot be read says why, not that it holds no config.
      if (files.length === before && templates.length === templatesBefore && missing.length === missingBefore) missing.push(`${arg}: no keepalived configs found in this directory`);
    } else files.push(arg);
  }
  // A file also named on its own is not a searched one.
  for (const arg of args) if (!isPattern(arg)) searched.delete(arg);
  const distinct = distinctPaths(files);
  // A template named one by one is linted (KA108), not left out.
  const linted = new Set(distinct.map(fileIdentity));
  return { files: distinct, searched, missing, byArg, templates: distinctPaths(templates).filter((t) => !linted.has(fileIdentity(t))) };
}

/**
 * Each file once, however it was named (`lb1.conf`, `./lb1.conf`, `dir/../lb1.conf`, a symlink to it, a hard link):
 * the first name is kept, so that one file is linted once and is one cluster node. keepalived reads relative includes
 * from the folder of the name it was given, so a file with include lines reached from two folders
 * (`hosts/lb1/keepalived.conf` and `hosts/lb2/keepalived.conf`, links to one shared file with a `vrrp.conf` beside
 * each) is two configs. (A file is read for its include lines only when a second name reaches it.)
 */
function distinctPaths(paths: string[]): string[] {
  const seen = new Map<string, string[]>();
  return paths.filter((p) => {
    const key = fileIdentity(p);
    const names = seen.get(key);
    if (!names) {
      seen.set(key, [p]);
      return true;
    }
    const folder = realFolder(p);
    if (names.some((n) => realFolder(n) === folder) || !includesFiles(p)) return false;
    names.push(p);
    return true;
  });
}

/** What tells one file from another: its device and inode (through links), else its absolute path. */
export function fileIdentity(path: string): string {
  try {
    const st = statSync(fsPath(path));
    return `${st.dev}:${st.ino}`;
  } catch {
    return resolve(path);
  }
}

/** The folder of a path after links: where keepalived reads the file's relative includes from. */
function realFolder(path: string): string {
  const folder = dirname(resolve(path));
  try {
    return realPath(folder);
  } catch {
    return folder;
  }
}

function includesFiles(path: string): boolean {
  const text = fsHost.readFile(path);
  return text !== undefined && INCLUDE_LINE_START.test(text);
}

/** A line that may include a file (`include`, `includew`…, behind `@id` or not). */
const INCLUDE_LINE_START = /^[ \t]*(?:@\^?\S+[ \t]+)?include\w?[ \t]/m;

/** A path as shown in output: relative to the working directory when below it. */
export function displayPath(p: string): string {
  const abs = resolve(p);
  const rel = relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/**
 * A config's bytes as text. keepalived reads bytes; a file that is not UTF-8 (a Latin-1 or GBK
 * comment, a Latin-1 no-break space) keeps each byte that is not UTF-8 as an escape (decodeBytes), so
 * lengths count its bytes and a command that writes the text back (fmt, peer, --fix) writes every
 * such byte as it was, where UTF-8 decoding would have replaced each of them with U+FFFD.
 */
export interface ConfigText {
  text: string;
}

export function decodeConfig(bytes: Buffer): ConfigText {
  return { text: decodeBytes(bytes) };
}

/** The bytes of a config's text (the inverse of decodeConfig). */
export function configBytes(text: string): Buffer {
  const bytes = encodeText(text);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Reads a config file for a command that writes it back (undefined when it cannot be read). */
export function readConfigFile(path: string): ConfigText | undefined {
  const piped = pipedTexts.get(resolve(path));
  if (piped !== undefined) return { text: piped };
  try {
    const native = fsPath(path);
    if (!statSync(native).isFile()) return undefined;
    return decodeConfig(readFileSync(native));
  } catch {
    return undefined;
  }
}

/** Why `path`, which a command could not read, cannot be read: in words, for `kalint: PATH: why`. */
export function unreadableReason(path: string): string {
  try {
    const native = fsPath(path);
    if (!statSync(native).isFile()) return 'not a regular file';
    readFileSync(native);
    return 'cannot read file';
  } catch (e) {
    return ioReason(e);
  }
}
