import type { FileRule } from '../types.js';
import type { AstNode } from '../../core/analysis/ast.js';
import type { BfdInstance } from '../../core/model/model.js';
import { neverRead } from '../unread-blocks.js';
import { blockEnd, firstByName, readsBefore, related } from './util.js';

export const bfdCheckInstance: FileRule = {
  kind: 'file',
  code: 'KA519',
  name: 'bfd-check-instance',
  family: 'lvs',
  severity: 'error',
  description: 'A BFD_CHECK names no bfd_instance (or a `name` line has no word or several), one not defined earlier in the configuration, one limited to the VRRP process, a second one, or one its real server already follows; keepalived drops the checker.',
  docs: {
    why:
      'BFD_CHECK follows a `bfd_instance`, which keepalived looks up while reading the checker: it must be defined before the ' +
      'virtual_server, and be one the checker process knows (a `vrrp` line without a `checker` line keeps it from the checker, and so does ' +
      'a vrrp_instance before it that holds a `{` opening nothing: the checker skips the instance by counting braces, and on past the bfd_instance). An unknown (or later) name gives "BFD_CHECK - BFD … not configured", a checker without `name` is ' +
      'skipped, so is one whose `name` line has no word or more than one (`name a b` is no name, whatever `a` is: "No or too many ' +
      'names specified - skipping checker", 2.0.0 to 2.4.3), and in both cases `keepalived -t` fails and the real server loses that health check. A checker follows one ' +
      'bfd_instance: a second `name` line, or a second BFD_CHECK of the same real server following the same instance, is ' +
      'dropped as well.',
    bad: 'virtual_server 10.0.0.1 80 {\n    real_server 10.0.1.1 80 {\n        BFD_CHECK {\n            name rs1\n        }\n    }\n}\nbfd_instance rs1 {\n    neighbor_ip 10.0.1.1\n}',
    good: 'bfd_instance rs1 {\n    neighbor_ip 10.0.1.1\n}\nvirtual_server 10.0.0.1 80 {\n    real_server 10.0.1.1 80 {\n        BFD_CHECK {\n            name rs1\n        }\n    }\n}',
  },
  check(ctx) {
    const model = ctx.analysis.model;
    let byName: Map<string, BfdInstance> | undefined;
    for (let i = 0, vsList = model.virtualServers; i < vsList.length; i++) {
      const vs = vsList[i]!;
      for (let j = 0, rsList = vs.realServers; j < rsList.length; j++) {
        const rs = rsList[j]!;
        // The bfd_instances this real server's earlier BFD_CHECKs already monitor.
        // Made at the first BFD_CHECK: most real servers have none, and a Map each is megabytes on large configs.
        let monitored: Map<string, AstNode> | undefined;
        for (let k = 0, cks = rs.checkers; k < cks.length; k++) {
          const ck = cks[k]!;
          if (ck.kind !== 'BFD_CHECK') continue;
          // Every name line, with its words: keepalived reads them in order, and a line without exactly one word
          // drops the checker like a bad name does (namingLines leaves out a line with none).
          const names = nameLines(ck.node);
          if (!names.length) {
            ctx.report({
              message: `BFD_CHECK has no 'name'; keepalived skips this checker (keepalived: "No name has been specified for BFD_CHECKER - skipping")`,
              ...blockEnd(ck.node),
              related: [related(ck.node, 'BFD_CHECK starts here')],
            });
            continue;
          }
          byName ??= checkerBfds(model.bfdInstances);
          // keepalived reads the name lines in order and drops the checker at the first bad one;
          // it ignores the lines after that (and says nothing at the closing brace).
          let accepted: { ref: AstNode; name: string } | undefined;
          for (let n = 0; n < names.length; n++) {
            const ref = names[n]!;
            const name = ref.argText(0) ?? '';
            const def = ref.argCount === 1 ? byName.get(name) : undefined;
            if (ref.argCount !== 1) {
              // The word count is checked first (2.0.0 to 2.4.3): `name a b` is no name, whatever 'a' is.
              const words = Array.from({ length: ref.argCount }, (_, w) => ref.argText(w)).join(' ');
              ctx.report({
                message: `${ref.argCount === 0 ? "'name' gives no bfd_instance" : `'name' takes one bfd_instance, and this line gives ${ref.argCount} words ('${words}')`}; keepalived drops this BFD_CHECK (keepalived: "BFD_CHECK - No or too many names specified - skipping checker")`,
                file: ref.file,
                range: ref.range,
              });
            } else if (def?.unreadBy?.checker) {
              const { why, related: places } = neverRead("keepalived's checker process", 'bfd_instance', name, def.node, def.unreadBy);
              ctx.report({ message: `${why}; it drops this BFD_CHECK (keepalived: "BFD_CHECK - BFD ${name} not configured")`, file: ref.file, range: ref.range, related: places });
            } else if (!def || !readsBefore(def.node, ref)) {
              ctx.report({
                message: def
                  ? `bfd_instance '${name}' is defined later (line ${def.node.range.start.line + 1}); keepalived looks it up while reading this BFD_CHECK and drops the checker (keepalived: "BFD_CHECK - BFD ${name} not configured")`
                  : `No bfd_instance '${name}' is defined; keepalived drops this BFD_CHECK (keepalived: "BFD_CHECK - BFD ${name} not configured")`,
                file: ref.file,
                range: ref.range,
                related: def ? [related(def.node, 'defined here, after its use')] : undefined,
              });
            } else if (!def.forChecker) {
              const reason = def.droppedBy.checker ?? '';
              ctx.report({
                message: reason.startsWith("it has a 'vrrp' line")
                  ? `bfd_instance '${name}' has a 'vrrp' line and no 'checker' line, so only the VRRP process knows it; keepalived drops this BFD_CHECK (keepalived: "BFD_CHECK - BFD ${name} not configured")`
                  : `The checker process dropped bfd_instance '${name}' (line ${def.node.range.start.line + 1}): ${reason}; keepalived drops this BFD_CHECK (keepalived: "BFD_CHECK - BFD ${name} not configured")`,
                file: ref.file,
                range: ref.range,
                related: [related(def.node, 'defined here, and dropped by the checker process')],
              });
            } else if (accepted) {
              ctx.report({
                message: `This BFD_CHECK already follows bfd_instance '${accepted.name}' (line ${accepted.ref.range.start.line + 1}); a checker follows one, and keepalived drops this one (keepalived: "BFD_CHECK - BFD ${name} already specified as ${accepted.name}")`,
                file: ref.file,
                range: ref.range,
                related: [related(accepted.ref, 'first name here')],
              });
            } else if (monitored?.has(name)) {
              ctx.report({
                message: `Another BFD_CHECK of this real server already follows bfd_instance '${name}'; keepalived drops this one (keepalived: "BFD_CHECK - RS already monitoring ${name}")`,
                file: ref.file,
                range: ref.range,
                related: [related(monitored!.get(name)!, 'already followed here')],
              });
            } else {
              accepted = { ref, name };
              continue;
            }
            accepted = undefined;
            break;
          }
          if (accepted) (monitored ??= new Map()).set(accepted.name, accepted.ref);
        }
      }
    }
  },
};

/** The `name` lines of a BFD_CHECK block, each with whatever words it has. */
function nameLines(block: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (let i = 0, cs = block.children; i < cs.length; i++) if (cs[i]!.keyword === 'name') out.push(cs[i]!);
  return out;
}

/**
 * The checker process's block of each name: the one it keeps (it skips later ones while it holds it), else the
 * last it read and dropped, else the first.
 */
function checkerBfds(bfds: BfdInstance[]): Map<string, BfdInstance> {
  const out = firstByName(bfds);
  for (let i = 0; i < bfds.length; i++) {
    const b = bfds[i]!;
    if (!b.readBy.checker) continue;
    const cur = out.get(b.name)!;
    if (cur === b || !cur.forChecker || !cur.readBy.checker) out.set(b.name, b);
  }
  return out;
}
