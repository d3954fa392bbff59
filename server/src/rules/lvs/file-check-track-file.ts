import type { FileRule } from '../types.js';
import type { TrackFile } from '../../core/model/model.js';
import { neverRead } from '../unread-blocks.js';
import { blockEnd, firstByName, readsBefore, related, checkersClosedByKeepalived, namingLines } from './util.js';

export const fileCheckTrackFile: FileRule = {
  kind: 'file',
  code: 'KA518',
  name: 'file-check-track-file',
  family: 'lvs',
  severity: 'error',
  description: 'A FILE_CHECK names no track_file, or one not defined earlier in the configuration; keepalived drops the checker.',
  docs: {
    why:
      'FILE_CHECK follows a `track_file` block, and keepalived looks the name up at the moment it reads the FILE_CHECK: ' +
      'the track_file must be defined before the virtual_server, not after it. Otherwise keepalived reports ' +
      '"track_file … not found", drops the checker and `keepalived -t` fails. The same happens to a track_file the checker ' +
      'never reads: one after a vrrp_instance that holds a `{` opening nothing (`track_interface {{`), which the checker, ' +
      'skipping the instance by counting braces, skips on past.',
    bad: 'virtual_server 10.0.0.1 80 {\n    real_server 10.0.1.1 80 {\n        FILE_CHECK {\n            track_file app_ok\n        }\n    }\n}\ntrack_file app_ok {\n    file /run/app.ok\n}',
    good: 'track_file app_ok {\n    file /run/app.ok\n}\nvirtual_server 10.0.0.1 80 {\n    real_server 10.0.1.1 80 {\n        FILE_CHECK {\n            track_file app_ok\n        }\n    }\n}',
  },
  check(ctx) {
    const model = ctx.analysis.model;
    let byName: Map<string, TrackFile> | undefined;
    let unreadByChecker: Map<string, TrackFile> | undefined;
    const checkers = checkersClosedByKeepalived(ctx.analysis);
    for (let i = 0; i < checkers.length; i++) {
      const { checker: ck } = checkers[i]!;
      if (ck.kind !== 'FILE_CHECK') continue;
      const refs = namingLines(ck.node, 'track_file');
      if (!refs.length) {
        ctx.report({
          message: `FILE_CHECK has no 'track_file'; keepalived drops this checker (keepalived: "FILE_CHECK has no track_file specified - ignoring")`,
          ...blockEnd(ck.node),
          related: [related(ck.node, 'FILE_CHECK starts here')],
        });
        continue;
      }
      if (!byName) {
        // The track files the checker process reads, and those only the VRRP process reads (see PartlyUnread).
        byName = firstByName(model.trackFiles.filter((t) => !t.unreadBy?.checker));
        unreadByChecker = firstByName(model.trackFiles.filter((t) => t.unreadBy?.checker));
      }
      let found = false;
      for (let n = 0; n < refs.length; n++) {
        const { ref, name } = refs[n]!;
        const def = byName.get(name);
        const unread = def ? undefined : unreadByChecker!.get(name);
        if (unread?.unreadBy) {
          const { why, related: places } = neverRead("keepalived's checker process", 'track_file', name, unread.node, unread.unreadBy);
          ctx.report({ message: `${why}; it drops this FILE_CHECK (keepalived: "track_file ${name} not found")`, file: ref.file, range: ref.range, related: places });
          continue;
        }
        const before = def !== undefined && readsBefore(def.node, ref);
        // A track_file without a file is removed when its block ends (KA335), before any FILE_CHECK reads it.
        if (before && def.file !== undefined) {
          found = true;
          continue;
        }
        ctx.report({
          message: before
            ? `track_file '${name}' has no 'file' line, so keepalived removed it; it drops this FILE_CHECK (keepalived: "track_file ${name} not found")`
            : def
              ? `track_file '${name}' is defined later (line ${def.node.range.start.line + 1}); keepalived looks it up while reading this FILE_CHECK and drops the checker (keepalived: "track_file ${name} not found")`
              : `No track_file '${name}' is defined; keepalived drops this FILE_CHECK (keepalived: "track_file ${name} not found")`,
          file: ref.file,
          range: ref.range,
          related: def ? [related(def.node, before ? 'defined here, without a file' : 'defined here, after its use')] : undefined,
        });
      }
      // keepalived then also rejects the checker itself when its block ends.
      if (!found) {
        ctx.report({
          message: `FILE_CHECK is left without a track_file; keepalived drops this checker (keepalived: "FILE_CHECK has no track_file specified - ignoring")`,
          ...blockEnd(ck.node),
          related: [related(refs[0]!.ref, 'the track_file that is not found')],
        });
      }
    }
  },
};
