// What the harness needs from kalint for one cluster: the failover simulation's scenarios, the
// cluster findings, and where in each file the lines it rewrites are (vrrp_script commands).
// Bundled and run by run.mjs; prints JSON.
import { readFileSync } from 'node:fs';
import { buildNodes, checkCluster } from '../../server/src/cluster/index.js';
import { simulateCluster } from '../../server/src/cluster/failover.js';
import { vipKey } from '../../server/src/cluster/model.js';

const files = process.argv.slice(2);
const nodes = buildNodes(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
const diagnostics = checkCluster(nodes).map((d) => ({ code: d.code, message: d.message, file: d.file, line: d.range.start.line + 1 }));
const sims = simulateCluster(nodes);

const nodeFacts = nodes.map((n) => {
  const m = n.analysis.model;
  const scripts = m.vrrpScripts.map((s) => ({
    name: s.name,
    interval: s.interval ?? 1,
    rise: s.rise ?? 1,
    fall: s.fall ?? 1,
    scriptLine: s.script ? { start: s.script.node.range.start.offset, end: s.script.node.range.end.offset } : undefined,
    block: { start: s.node.range.start.offset, end: s.node.range.end.offset },
    userLine: s.user ? { start: s.user.node.range.start.offset, end: s.user.node.range.end.offset, user: s.user.value } : undefined,
  }));
  const instances = m.vrrpInstances.map((i) => ({
    name: i.name,
    interface: i.interface?.value,
    vrid: i.virtualRouterId?.value,
    advertInt: i.advertInt?.value ?? 1,
    preemptDelay: i.preemptDelay?.value ?? 0,
    vips: i.virtualIpaddresses.map((a) => vipKey(a.text)),
    vipDevs: i.virtualIpaddresses.flatMap((a) => {
      const k = a.options.indexOf('dev');
      return k >= 0 && a.options[k + 1] ? [a.options[k + 1]!] : [];
    }),
    trackInterfaces: i.trackInterfaces.map((t) => t.name),
    unicastSrcIp: i.unicastSrcIp?.value,
    unicastPeers: i.unicastPeers.map((a) => vipKey(a.text)),
    mcastSrcIp: i.node.children.find((c) => c.keyword === 'mcast_src_ip')?.argText(0),
  }));
  const globalLines = (m.globalDefs?.node.children ?? [])
    .filter((c) => c.keyword === 'script_user' || c.keyword === 'vrrp_startup_delay' || c.keyword === 'enable_script_security')
    .map((c) => ({ keyword: c.keyword, arg: c.argText(0), start: c.range.start.offset, end: c.range.end.offset }));
  return {
    label: n.label,
    file: n.analysis.file,
    includes: n.analysis.model.root.children.some((c) => c.keyword === 'include'),
    scripts,
    instances,
    globalLines,
    trackFiles: m.trackFiles.map((f) => f.name),
  };
});

const groups = sims.map((s) => ({
  name: s.report.instance,
  vrid: s.report.vrid,
  members: s.group.members.map((m) => ({ node: m.index, instance: m.instance.name })),
  scenarios: s.report.scenarios.map((c) => ({
    label: c.label,
    kind: c.kind,
    nodeIndex: c.nodeIndex,
    tracker: c.tracker ? { kind: c.tracker.kind, name: c.tracker.name } : undefined,
    states: c.states.map((x) => (x.state === 'up' ? String(x.priority) : x.state)),
    holder: c.holderIndex !== undefined ? s.group.members[c.holderIndex]!.index : undefined,
    tie: c.tie ? c.tie.map((label) => s.group.members.find((m) => m.node.label === label)!.index) : undefined,
    note: c.note,
  })),
}));

process.stdout.write(JSON.stringify({ labels: nodes.map((n) => n.label), diagnostics, nodes: nodeFacts, groups }, null, 1));
