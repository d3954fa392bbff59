// The lvs rules (KA5xx): each gets a config that triggers it (at the line keepalived reports, or on
// the virtual_server for keepalived's after-reading checks) and a corrected config that does not.

import { describe, expect, it } from 'vitest';
import { applyFix, conf, findings, linesOf } from './helpers/rule-cases.js';
import { keepalivedAvailable, runKeepalived, runKeepalivedAsync } from './helpers/keepalived.js';
import { releaseBinary, runRelease } from './helpers/releases.js';
import { spawnSync } from 'node:child_process';
import { pcreSyntaxError, quotedEscapedWords } from '../server/src/rules/lvs/pcre-syntax.js';
import { lintText } from '../server/src/linter.js';

/** A complete, clean virtual server around `body` lines (real server included unless `bare`). */
function vs(header: string, body: string[], rs: string[] = ['real_server 10.0.1.1 80 {', '}']): string {
  return conf(`virtual_server ${header} {`, ...body.map((l) => '  ' + l), ...rs.map((l) => '  ' + l), '}');
}
const BASICS = ['protocol TCP', 'lb_algo rr', 'lb_kind NAT'];

interface Case {
  code: string;
  bad: string;
  /** 1-based lines the finding must start on. */
  lines: number[];
  good: string;
  /** The fix turns `bad` into a config without the finding. */
  fixes?: boolean;
  /** What keepalived 2.2.7 -t prints for `bad` (at the same line when it gives one), or 'silent'. */
  keepalived?: RegExp | 'silent';
}

const cases: Record<string, Case> = {
  'duplicate virtual_server (same ip, port, protocol)': {
    keepalived: 'silent',
    code: 'KA501',
    bad: vs('10.0.0.1 80', BASICS) + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.2 80 {', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS) + vs('10.0.0.1 80', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.2 80 {', '}']),
  },
  'duplicate fwmark virtual_server': {
    code: 'KA501',
    bad: vs('fwmark 7', ['lb_algo rr', 'lb_kind NAT']) + vs('fwmark 7', ['lb_algo rr', 'lb_kind NAT']),
    lines: [7],
    good: vs('fwmark 7', ['lb_algo rr', 'lb_kind NAT']) + vs('fwmark 8', ['lb_algo rr', 'lb_kind NAT']),
  },
  'duplicate real_server': {
    keepalived: /is duplicated - removing second rs/,
    code: 'KA502',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']),
    lines: [1],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '}', 'real_server 10.0.1.2 80 {', '}']),
    fixes: true,
  },
  'duplicate real_server in a group virtual server, and in one keepalived drops for its group': {
    // The group is missing in `good` (or removed, or of the other family): keepalived drops the virtual server
    // before its duplicate check, and says nothing of the repeat (generator seed 193 against 2.2.7).
    keepalived: /is duplicated - removing second rs/,
    code: 'KA502',
    bad: vs('group G', ['protocol TCP'], ['real_server 10.0.1.1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']) + conf('virtual_server_group G {', '  192.0.2.10 80', '}'),
    lines: [1],
    good: vs('group G', ['protocol TCP'], ['real_server 10.0.1.1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']) + conf('virtual_server_group H {', '  192.0.2.10 80', '}'),
  },
  'virtual_server without real_server': {
    keepalived: /has no real servers - ignoring/,
    code: 'KA503',
    bad: vs('10.0.0.1 80', BASICS, []),
    lines: [1],
    good: vs('10.0.0.1 80', BASICS),
  },
  'HTTP_GET without url': {
    // keepalived -t prints the message at this line, then 2.2.7 segfaults (exit 139): checked by hand, not here.
    code: 'KA504',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    connect_timeout 3', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '    }', '  }', '}']),
  },
  'url without path': {
    // Same: the checker is left without urls and keepalived 2.2.7 -t segfaults after the message.
    code: 'KA505',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  SSL_GET {', '    url {', '      status_code 200', '    }', '  }', '}']),
    lines: [9],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  SSL_GET {', '    url {', '      path /', '      status_code 200', '    }', '  }', '}']),
  },
  'url path without its leading slash': {
    // keepalived -t accepts it; the request line is built from the path as written (session 60's audit).
    keepalived: 'silent',
    code: 'KA542',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path healthz', '      status_code 200', '    }', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /healthz', '      status_code 200', '    }', '    url {', '      path http://example.com/', '    }', '  }', '}']),
    fixes: true,
  },
  'empty url path': {
    // keepalived keeps `path ""` (an empty string, not a missing path) and the url with it (fuzz62 bug 10): no KA505/KA504.
    keepalived: 'silent',
    code: 'KA542',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path ""', '      status_code 200', '    }', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path "/"', '      status_code 200', '    }', '  }', '}']),
    fixes: true,
  },
  'HTTP_GET on a TLS port': {
    // keepalived -t cannot know what listens there (session 60's missed-mistakes audit, a heuristic users expect).
    keepalived: 'silent',
    code: 'KA543',
    bad: vs('10.0.0.1 443', BASICS, ['real_server 10.0.1.1 443 {', '  HTTP_GET {', '    url {', '      path /healthz', '    }', '  }', '}']),
    lines: [6],
    good: vs('10.0.0.1 443', BASICS, ['real_server 10.0.1.1 443 {', '  SSL_GET {', '    url {', '      path /healthz', '    }', '  }', '}', 'real_server 10.0.1.2 443 {', '  HTTP_GET {', '    connect_port 8081', '    url {', '      path /healthz', '    }', '  }', '}']),
    fixes: true,
  },
  'protocol on a fwmark service': {
    keepalived: /protocol specified for fwmark/,
    code: 'KA506',
    bad: vs('fwmark 1', BASICS),
    lines: [1],
    good: vs('fwmark 1', ['lb_algo rr', 'lb_kind NAT']),
    fixes: true,
  },
  'address service without protocol': {
    keepalived: /no protocol set - defaulting to UDP/,
    code: 'KA507',
    bad: vs('10.0.0.1 80', ['lb_algo rr', 'lb_kind NAT']),
    lines: [1],
    good: vs('10.0.0.1 80', BASICS),
    fixes: true,
  },
  'no scheduler': {
    keepalived: /no scheduler set/,
    code: 'KA508',
    bad: vs('10.0.0.1 80', ['protocol TCP', 'lb_kind NAT']),
    lines: [1],
    good: vs('10.0.0.1 80', BASICS),
    fixes: true,
  },
  'no forwarding method': {
    keepalived: /no forwarding method set/,
    code: 'KA509',
    bad: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr']),
    lines: [1],
    good: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr'], ['real_server 10.0.1.1 80 {', '  lvs_method DR', '}']),
    fixes: true,
  },
  'DR real server on another port': {
    keepalived: /ports don't match - resetting/,
    code: 'KA510',
    bad: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind DR'], ['real_server 10.0.1.1 8080 {', '}']),
    lines: [1],
    good: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 8080 {', '}']),
    fixes: true,
  },
  'fwmark DR real server with a port': {
    keepalived: /has port specified - clearing/,
    code: 'KA510',
    bad: vs('fwmark 3', ['lb_algo rr', 'lb_kind TUN'], ['real_server 10.0.1.1 80 {', '}']),
    lines: [1],
    good: vs('fwmark 3', ['lb_algo rr', 'lb_kind TUN'], ['real_server 10.0.1.1 {', '}']),
    fixes: true,
  },
  'sh-port before lb_algo sh': {
    keepalived: /only applies to sh scheduler/,
    code: 'KA511',
    bad: vs('10.0.0.1 80', ['protocol TCP', 'sh-port', 'lb_algo sh', 'lb_kind NAT']),
    lines: [3],
    good: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo sh', 'sh-port', 'lb_kind NAT']),
    fixes: true,
  },
  'hashed with a scheduler other than sh': {
    // Found by differential fuzzing: 'hashed' goes through the same handler as sh-port.
    keepalived: /hashed only applies to sh scheduler/,
    code: 'KA511',
    bad: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'hashed', 'lb_kind NAT']),
    lines: [4],
    good: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind NAT']),
  },
  'sorry_server_inhibit before sorry_server': {
    keepalived: /used before or without sorry_server/,
    code: 'KA512',
    bad: vs('10.0.0.1 80', [...BASICS, 'sorry_server_inhibit', 'sorry_server 10.0.2.1 80']),
    lines: [5],
    good: vs('10.0.0.1 80', [...BASICS, 'sorry_server 10.0.2.1 80', 'sorry_server_inhibit']),
    fixes: true,
  },
  'sorry_server_lvs_method after a sorry_server keepalived cannot read': {
    // Found by mutation fuzzing: 'sorry_server 10.0.2.31 1443\\' (a port it cannot read). keepalived 2.2.7 -t:
    // "Invalid sorry server IP address 10.0.2.31 - skipping", then "sorry_server forwarding used without sorry_server".
    keepalived: /sorry_server forwarding used without sorry_server/,
    code: 'KA512',
    bad: vs('10.0.0.1 80', [...BASICS, 'sorry_server 10.0.2.1 99999', 'sorry_server_lvs_method DR']),
    lines: [6],
    good: vs('10.0.0.1 80', [...BASICS, 'sorry_server 10.0.2.1 8080', 'sorry_server_lvs_method DR']),
  },
  'quorum above the total weight': {
    keepalived: /exceeds total weight of real servers/,
    code: 'KA513',
    bad: vs('10.0.0.1 80', [...BASICS, 'quorum 3'], ['real_server 10.0.1.1 80 {', '  weight 2', '}']),
    lines: [1],
    good: vs('10.0.0.1 80', [...BASICS, 'quorum 2'], ['real_server 10.0.1.1 80 {', '  weight 2', '}']),
  },
  'quorum above the weight an invalid later weight line leaves': {
    // Generator fuzzer against 2.4.3 (seed 169): keepalived ignores the invalid line and keeps weight 1, where kalint
    // took the last line and fell back to the default.
    keepalived: /exceeds total weight of real servers 1/,
    code: 'KA513',
    bad: vs('10.0.0.1 80', [...BASICS, 'quorum 2'], ['real_server 10.0.1.1 80 {', '  weight 1', '  weight 2147483648', '}']),
    lines: [1],
    good: vs('10.0.0.1 80', [...BASICS, 'quorum 2'], ['real_server 10.0.1.1 80 {', '  weight 1', '  weight 2', '}']),
  },
  'hysteresis not below quorum': {
    keepalived: />= quorum/,
    code: 'KA514',
    bad: vs('10.0.0.1 80', [...BASICS, 'quorum 2', 'hysteresis 2'], ['real_server 10.0.1.1 80 {', '  weight 2', '}']),
    lines: [1],
    good: vs('10.0.0.1 80', [...BASICS, 'quorum 2', 'hysteresis 1'], ['real_server 10.0.1.1 80 {', '  weight 2', '}']),
  },
  'group that does not exist': {
    keepalived: 'silent',
    code: 'KA515',
    bad: conf('virtual_server_group WEB {', '  10.0.0.1 80', '}') + vs('group WBE', BASICS),
    lines: [4],
    good: conf('virtual_server_group WEB {', '  10.0.0.1 80', '}') + vs('group WEB', BASICS),
    fixes: true,
  },
  'address that no vrrp_instance carries': {
    code: 'KA516',
    bad: conf('vrrp_instance VI_1 {', '  virtual_ipaddress {', '    10.0.0.9/24', '  }', '}') + vs('10.0.0.1 80', BASICS),
    lines: [6],
    good: conf('vrrp_instance VI_1 {', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}') + vs('10.0.0.1 80', BASICS),
  },
  'MISC_CHECK without misc_path': {
    keepalived: /No script path has been specified/,
    code: 'KA517',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  MISC_CHECK {', '    misc_timeout 5', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  MISC_CHECK {', '    misc_path /bin/true', '  }', '}']),
  },
  'MISC_CHECK whose misc_path command is blank': {
    keepalived: /No script path has been specified/,
    code: 'KA517',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  MISC_CHECK {', '    misc_path " "', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  MISC_CHECK {', '    misc_path " "', '    misc_path /bin/true', '  }', '}']),
  },
  'FILE_CHECK naming a track_file defined later': {
    keepalived: /track_file ok not found/,
    code: 'KA518',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  FILE_CHECK {', '    track_file ok', '  }', '}']) + conf('track_file ok {', '  file /run/ok', '}'),
    lines: [7, 8],
    good: conf('track_file ok {', '  file /run/ok', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  FILE_CHECK {', '    track_file ok', '  }', '}']),
  },
  // Found on a real config: the track_file had its file only under @id lines for other nodes.
  'FILE_CHECK naming a track_file without a file line': {
    keepalived: /track_file ok not found/,
    code: 'KA518',
    bad: conf('track_file ok {', '  weight 0', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  FILE_CHECK {', '    track_file ok', '  }', '}']),
    lines: [10, 11],
    good: conf('track_file ok {', '  file /run/ok', '  weight 0', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  FILE_CHECK {', '    track_file ok', '  }', '}']),
  },
  'BFD_CHECK naming no bfd_instance': {
    keepalived: /BFD rs1 not configured/,
    code: 'KA519',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '}']),
    lines: [7],
    good: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '}']),
  },
  'BFD_CHECK with a second name': {
    keepalived: /BFD_CHECK - BFD rs2 already specified as rs1/,
    code: 'KA519',
    bad: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}', 'bfd_instance rs2 {', '  neighbor_ip 10.0.1.2', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '    name rs2', '  }', '}']),
    lines: [14],
    good: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}', 'bfd_instance rs2 {', '  neighbor_ip 10.0.1.2', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '  BFD_CHECK {', '    name rs2', '  }', '}']),
  },
  // Found by msgs63: the word count is checked before the name is looked up, and either way the checker is dropped.
  'BFD_CHECK whose name line has two words': {
    keepalived: /BFD_CHECK - No or too many names specified - skipping checker/,
    code: 'KA519',
    bad: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1 rs2', '  }', '}']),
    lines: [10],
    good: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '}']),
  },
  'BFD_CHECK whose name line has no word': {
    keepalived: /BFD_CHECK - No or too many names specified - skipping checker/,
    code: 'KA519',
    bad: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name', '  }', '}']),
    lines: [10],
    good: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '}']),
  },
  'two BFD_CHECKs of one real server following the same bfd_instance': {
    keepalived: /BFD_CHECK - RS already monitoring rs1/,
    code: 'KA519',
    bad: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '  BFD_CHECK {', '    name rs1', '  }', '}']),
    lines: [13],
    good: conf('bfd_instance rs1 {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', '    name rs1', '  }', '}', 'real_server 10.0.1.2 80 {', '  BFD_CHECK {', '    name rs1', '  }', '}']),
  },
  'port 0 without persistence': {
    keepalived: /zero port only valid for persistent/,
    code: 'KA520',
    bad: vs('10.0.0.1 0', BASICS, ['real_server 10.0.1.1 0 {', '}']),
    lines: [1],
    good: vs('10.0.0.1 0', [...BASICS, 'persistence_timeout 60'], ['real_server 10.0.1.1 0 {', '}']),
    fixes: true,
  },
  // Found on a real config: keepalived reads a virtual_server without a port as port 0.
  'virtual server without a port and without persistence': {
    keepalived: /zero port only valid for persistent/,
    code: 'KA520',
    bad: vs('10.0.0.1', BASICS, ['real_server 10.0.1.1 {', '}']),
    lines: [1],
    good: vs('10.0.0.1', [...BASICS, 'persistence_timeout 60'], ['real_server 10.0.1.1 {', '}']),
    fixes: true,
  },
  'ops on TCP': {
    keepalived: /one packet scheduling requires UDP/,
    code: 'KA521',
    bad: vs('10.0.0.1 53', [...BASICS, 'ops'], ['real_server 10.0.1.1 53 {', '}']),
    lines: [1],
    good: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT', 'ops'], ['real_server 10.0.1.1 53 {', '}']),
    fixes: true,
  },
  'ha_suspend on fwmark': {
    keepalived: /cannot use ha_suspend with fwmarks/,
    code: 'KA522',
    bad: vs('fwmark 1', ['lb_algo rr', 'lb_kind NAT', 'ha_suspend']),
    lines: [1],
    good: vs('10.0.0.1 80', [...BASICS, 'ha_suspend']),
    fixes: true,
  },
  'UDP_CHECK minimum above the default maximum': {
    keepalived: /will always fail/,
    code: 'KA523',
    bad: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 53 {', '  UDP_CHECK {', '    min_reply_length 300', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 53 {', '  UDP_CHECK {', '    min_reply_length 300', '    max_reply_length 512', '  }', '}']),
  },
  // Found by the generator fuzzer (seed 105): a later line keepalived reports as invalid keeps the minimum before it.
  'UDP_CHECK minimum above the default maximum, then an invalid minimum': {
    keepalived: /will always fail/,
    code: 'KA523',
    bad: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 53 {', '  UDP_CHECK {', '    min_reply_length 300', '    min_reply_length 65536', '  }', '}']),
    lines: [9],
    good: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 53 {', '  UDP_CHECK {', '    min_reply_length 300', '    min_reply_length 100', '  }', '}']),
  },
  'DNS_CHECK name with an empty label': {
    keepalived: /has empty label/,
    code: 'KA524',
    bad: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 53 {', '  DNS_CHECK {', '    name www..example.com', '  }', '}']),
    lines: [7],
    good: vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 53 {', '  DNS_CHECK {', '    name www.example.com', '  }', '}']),
    fixes: true,
  },
  'virtual_server_group entry with host bits below its mask': {
    code: 'KA525',
    keepalived: /Address mask bits not empty/,
    bad: conf('virtual_server_group WEB {', '  10.0.0.3/24 80', '  10.0.1.1 80', '}') + vs('group WEB', BASICS),
    lines: [2],
    good: conf('virtual_server_group WEB {', '  10.0.0.0/24 80', '  10.0.1.1 80', '}') + vs('group WEB', BASICS),
  },
  'virtual_server_group range that ends before it starts': {
    code: 'KA525',
    keepalived: /Address range end is not greater than address range start/,
    bad: conf('virtual_server_group WEB {', '  10.0.0.9-5 80', '  10.0.1.1 80', '}') + vs('group WEB', BASICS),
    lines: [2],
    good: conf('virtual_server_group WEB {', '  10.0.0.5-9 80', '  10.0.1.1 80', '}') + vs('group WEB', BASICS),
  },
  'empty virtual_server_group': {
    code: 'KA526',
    keepalived: /has no entries - removing/,
    bad: conf('virtual_server_group WEB {', '}'),
    lines: [2],
    good: conf('virtual_server_group WEB {', '  10.0.0.1 80', '}'),
  },
  'virtual_server_group mixing families with a family-less fwmark': {
    code: 'KA526',
    keepalived: /cannot have IPv4, IPv6 and fwmark without family/,
    bad: conf('virtual_server_group MIX {', '  10.0.0.1 80', '  2001:db8::1 80', '  fwmark 5', '}'),
    lines: [5],
    good: conf('virtual_server_group MIX {', '  10.0.0.1 80', '  2001:db8::1 80', '  fwmark 5 inet6', '}'),
  },
  'IPv6 real server under an IPv4 NAT virtual server': {
    code: 'KA527',
    keepalived: /Address family of virtual server and real server/,
    bad: vs('10.0.0.1 80', BASICS, ['real_server 2001:db8::1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']),
    lines: [6],
    good: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind TUN'], ['real_server 2001:db8::1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']),
  },
  'IPv4 real server under an IPv6 virtual server written with a /mask keepalived ignores': {
    // Found by differential fuzzing: keepalived reads '2001:db8::1/129' as 2001:db8::1 (socket addresses drop '-…' or '/…').
    code: 'KA527',
    keepalived: /Address family of virtual server and real server/,
    bad: vs('2001:db8::1/129 80', BASICS, ['real_server 10.0.1.1 80 {', '}']),
    lines: [6],
    good: vs('2001:db8::1/129 80', BASICS, ['real_server 2001:db8::2 80 {', '}']),
  },
  'IPv6 real server under a fwmark virtual server that an IPv4 persistence_granularity made IPv4': {
    // Found by fuzzing pqarmitage's 1186.conf: keepalived sets a family not set yet from a granularity it accepts.
    code: 'KA527',
    keepalived: /Address family of virtual server and real server/,
    bad: vs('fwmark 31', ['lb_algo rr', 'lb_kind DR', 'persistence_granularity 255.255.255.0'], ['real_server 2001:db8::1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']),
    lines: [6],
    good: vs('fwmark 31', ['lb_algo rr', 'lb_kind DR', 'persistence_granularity 64'], ['real_server 2001:db8::1 80 {', '}', 'real_server 2001:db8::2 80 {', '}']),
  },
  'ip_family contradicting the address': {
    code: 'KA527',
    keepalived: /conflicts with server family/,
    bad: vs('10.0.0.1 80', [...BASICS, 'ip_family inet6']),
    lines: [5],
    good: vs('10.0.0.1 80', [...BASICS, 'ip_family inet']),
  },
  'gue tunnel without a port': {
    code: 'KA528',
    keepalived: /gue tunnels require port/,
    bad: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind TUN type gue']),
    lines: [4],
    good: vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind TUN type gue port 6080']),
  },
  'url digest of the wrong length': {
    code: 'KA529',
    keepalived: /character length should be 32/,
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      digest 1234', '    }', '  }', '}']),
    lines: [9],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      digest 9b3a0c85a887a256d6939da88aabd8cd', '    }', '  }', '}']),
  },
  // keepalived 2.2.7 check_http.c url_check only logs "regex parameters specified without regex": -t is silent.
  'regex settings without a regex': {
    code: 'KA539',
    keepalived: 'silent',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex_no_match', '      regex_min_offset 10', '    }', '  }', '}']),
    lines: [9, 10],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex "Server Error"', '      regex_no_match', '      regex_min_offset 10', '    }', '  }', '}']),
  },
  // A regex line with two words is not read ("regex missing or too many fields"), so the settings go too.
  'regex settings after a regex keepalived cannot read': {
    code: 'KA539',
    keepalived: 'silent',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex Server Error', '      regex_options caseless', '    }', '  }', '}']),
    lines: [10],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex "Server Error"', '      regex_options caseless', '    }', '  }', '}']),
  },
  // "regex min offset 20 > regex_max_offset 10 - ignoring" (logged); equal offsets are kept.
  'regex_min_offset beyond regex_max_offset': {
    code: 'KA539',
    keepalived: 'silent',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex ok', '      regex_min_offset 20', '      regex_max_offset 10', '    }', '  }', '}']),
    lines: [10],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex ok', '      regex_min_offset 10', '      regex_max_offset 10', '    }', '  }', '}']),
  },
  // keepalived's regex_handler reads the line with alloc_strvec_quoted_escaped: '\\d' reaches PCRE2 as 'd' (-t is silent).
  'a regex backslash keepalived takes off': {
    code: 'KA541',
    keepalived: 'silent',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex "uptime: \\d+ v\\.2"', '    }', '  }', '}']),
    lines: [9],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex "uptime: \\\\d+ v\\\\.2"', '    }', '  }', '}']),
    fixes: true,
  },
  // prepare_regex only logs "Invalid regex": -t is silent, and the url keeps the freed pattern (2.1.0 and later).
  'a regex PCRE2 cannot compile': {
    code: 'KA541',
    keepalived: 'silent',
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex "status: (ok|up"', '    }', '  }', '}']),
    lines: [9],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path /', '      regex "status: (ok|up)"', '    }', '  }', '}']),
  },
  'link-local checker target without bind_if': {
    code: 'KA530',
    keepalived: /requires a bind_if/,
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    connect_ip fe80::1', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    connect_ip fe80::1', '    bind_if eth0', '  }', '}']),
  },
  'IPv6 bindto for an IPv4 real server without connect_ip': {
    code: 'KA530',
    keepalived: /bindto address 2001:db8::9 does not match address family of connect_ip/,
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    bindto 2001:db8::9', '  }', '}']),
    lines: [7],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    connect_ip 2001:db8::1', '    bindto 2001:db8::9', '  }', '}']),
  },
  'link-local connect_ip skipped for its family: the checker targets the real server again': {
    // keepalived 2.2.7: "connect_ip address fe80::1 does not match address family of bindto - skipping", and no
    // "requires a bind_if": the skipped connect_ip leaves the destination unset (kalint had reported both).
    code: 'KA530',
    keepalived: /connect_ip address fe80::1 does not match address family of bindto/,
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    bindto 10.0.0.9', '    connect_ip fe80::1', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    bindto 10.0.0.9', '    connect_ip 10.0.1.2', '  }', '}']),
  },
  'IPv6 bindto in an SMTP_CHECK of an IPv4 real server (its hosts give the destination)': {
    code: 'KA530',
    keepalived: /does not match address family of connect_ip/,
    bad: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  TCP_CHECK {', '    bindto 2001:db8::9', '  }', '}']),
    lines: [7],
    good: vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  SMTP_CHECK {', '    bindto 2001:db8::9', '  }', '}']),
  },
  'link-local SMTP_CHECK host without bind_if': {
    // Found by mutation fuzzing (keepalived's SMTP_CHECK sample with a host's connect_ip made fe80::1): each host is
    // checked when its block ends, without the checker's bind_if. keepalived 2.2.7 -t: "Checker link local address
    // fe80::1 requires a bind_if" at the host's '}'.
    code: 'KA530',
    keepalived: /requires a bind_if/,
    bad: vs('10.0.0.1 25', BASICS, ['real_server 10.0.1.1 25 {', '  SMTP_CHECK {', '    bind_if eth0', '    host {', '      connect_ip fe80::1', '    }', '  }', '}']),
    lines: [10],
    good: vs('10.0.0.1 25', BASICS, ['real_server 10.0.1.1 25 {', '  SMTP_CHECK {', '    host {', '      connect_ip fe80::1', '      bind_if eth0', '    }', '  }', '}']),
  },
  'IPv6 bindto in an SMTP_CHECK host of an IPv4 real server': {
    code: 'KA530',
    keepalived: /bindto address 2001:db8::9 does not match address family of connect_ip/,
    bad: vs('10.0.0.1 25', BASICS, ['real_server 10.0.1.1 25 {', '  SMTP_CHECK {', '    host {', '      bindto 2001:db8::9', '    }', '  }', '}']),
    lines: [8],
    good: vs('10.0.0.1 25', BASICS, ['real_server 10.0.1.1 25 {', '  SMTP_CHECK {', '    host {', '      connect_ip 2001:db8::1', '      bindto 2001:db8::9', '    }', '  }', '}']),
  },
  'sorry server that is also a real server, inhibited differently': {
    code: 'KA531',
    keepalived: /matches sorry server, but inhibit setting differs/,
    bad: vs('10.0.0.1 80', [...BASICS, 'sorry_server 10.0.1.1 80'], ['real_server 10.0.1.1 80 {', '  inhibit_on_failure', '}']),
    lines: [1],
    good: vs('10.0.0.1 80', [...BASICS, 'sorry_server 10.0.1.1 80', 'sorry_server_inhibit'], ['real_server 10.0.1.1 80 {', '  inhibit_on_failure', '}']),
  },
  'group of IPv4 addresses with IPv6 real servers': {
    code: 'KA532',
    keepalived: 'silent',
    bad: conf('virtual_server_group WEB {', '  10.0.0.1 80', '}') + vs('group WEB', BASICS, ['real_server 2001:db8::10 80 {', '}']),
    lines: [4],
    good: conf('virtual_server_group WEB {', '  2001:db8::1 80', '}') + vs('group WEB', BASICS, ['real_server 2001:db8::10 80 {', '}']),
  },
  'persistence_granularity keepalived cannot read (IPv4 service)': {
    code: 'KA533',
    keepalived: /Invalid IPv4 persistence_granularity specified/,
    bad: vs('10.0.0.1 443', [...BASICS, 'persistence_timeout 50', 'persistence_granularity <NETMASK>']),
    lines: [6],
    good: vs('10.0.0.1 443', [...BASICS, 'persistence_timeout 50', 'persistence_granularity 255.255.255.0']),
  },
  'persistence_granularity: octal/hex/short forms are read as inet_aton does': {
    code: 'KA533',
    keepalived: /Invalid IPv4 persistence_granularity specified/,
    bad: vs('10.0.0.1 443', [...BASICS, 'persistence_granularity 08', 'persistence_granularity 1.2.65536', 'persistence_granularity 0x']),
    lines: [5, 6, 7],
    good: vs('10.0.0.1 443', [...BASICS, 'persistence_granularity 0x10.0.0.0', 'persistence_granularity 255.255.65535']),
  },
  'persistence_granularity of an IPv6 service is a prefix length 1..128': {
    code: 'KA533',
    keepalived: /Invalid IPv6 persistence_granularity specified/,
    bad: vs('2001:db8::1 443', [...BASICS, 'persistence_granularity 255.255.0.0', 'persistence_granularity 0'], ['real_server 2001:db8::2 443 {', '}']),
    lines: [5, 6],
    good: vs('2001:db8::1 443', [...BASICS, 'persistence_granularity 64'], ['real_server 2001:db8::2 443 {', '}']),
  },
  'persistence_granularity of a fwmark service: the first one sets the family': {
    code: 'KA533',
    keepalived: /Invalid IPv6 persistence_granularity specified/,
    bad: vs('fwmark 5', ['lb_algo rr', 'lb_kind NAT', 'persistence_granularity 64', 'persistence_granularity 255.255.0.0'], ['real_server 2001:db8::2 443 {', '}']),
    lines: [5],
    good: vs('fwmark 5', ['lb_algo rr', 'lb_kind NAT', 'persistence_granularity 255.255.0.0'], ['real_server 10.0.1.1 443 {', '}']),
  },
  'lvs_timeouts: an option and whole seconds, or keepalived skips the words': {
    code: 'KA534',
    keepalived: /lvs_timeouts requires at least one option|Unknown option .* specified for lvs_timeouts|Invalid lvs_timeout|No value specified for lvs_timeout/,
    bad: 'global_defs {\n    lvs_timeouts udp\n    lvs_timeouts TCP 7200\n    lvs_timeouts tcp 1.5 tcpfin 2678401\n    lvs_timeouts udp 300 tcp\n}\n',
    // TCP and 7200 are two unknown options for keepalived; 1.5 and 2678401 two invalid values.
    lines: [2, 3, 3, 4, 4, 5],
    good: 'global_defs {\n    lvs_timeouts tcp 7200 tcpfin +120 udp 0\n    lvs_timeouts udp 2678400\n}\n',
  },
};

// Found by msgs63: keepalived (2.0.0 to 2.4.3) drops a BFD_CHECK at a name line without exactly one word ("No or too
// many names specified - skipping checker"), before it looks the name up, and then reads nothing more of the checker.
// kalint said "'name' takes one argument; keepalived ignores 'b'" (KA204), quoted "BFD x not configured" for an
// unknown first word, and for a bare name added the closing-brace message keepalived never prints there.
describe('KA519: a BFD_CHECK name line without exactly one word', () => {
  const config = (...names: string[]) =>
    conf('bfd_instance a {', '  neighbor_ip 10.0.1.1', '}') + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  BFD_CHECK {', ...names.map((n) => `    ${n}`), '  }', '}']);
  const said = (text: string) =>
    lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.range.start.line >= 9).map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`);
  const DROPPED = 'keepalived drops this BFD_CHECK (keepalived: "BFD_CHECK - No or too many names specified - skipping checker")';
  it('is one KA519 error on the line, whatever the words name', () => {
    expect(said(config('name a b'))).toEqual([`10 KA519 'name' takes one bfd_instance, and this line gives 2 words ('a b'); ${DROPPED}`]);
    expect(said(config('name x y'))).toEqual([`10 KA519 'name' takes one bfd_instance, and this line gives 2 words ('x y'); ${DROPPED}`]);
    expect(said(config('name'))).toEqual([`10 KA519 'name' gives no bfd_instance; ${DROPPED}`]);
  });
  it('drops the checker there: later name lines and the closing brace say nothing', () => {
    expect(said(config('name a b', 'name a', 'alpha')).map((l) => l.slice(0, 9))).toEqual(['10 KA519 ']);
    expect(said(config('name', 'name a')).map((l) => l.slice(0, 9))).toEqual(['10 KA519 ']);
    // After a good name, a bad line is still counted first ("No or too many", not "already specified").
    expect(said(config('name a', 'name a b'))).toEqual([`11 KA519 'name' takes one bfd_instance, and this line gives 2 words ('a b'); ${DROPPED}`]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    for (const names of [['name a b'], ['name x y'], ['name'], ['name a b', 'name a', 'alpha'], ['name', 'name a'], ['name a', 'name a b']]) {
      const text = config(...names);
      const ours = lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code === 'KA519').map((d) => d.range.start.line + 1);
      const theirs = runKeepalived(text).messages.filter((m) => /BFD/.test(m.message));
      expect(theirs.map((m) => m.message.replace(/^\(.*?\) /, '')), names.join(' / ')).toEqual(['BFD_CHECK - No or too many names specified - skipping checker']);
      expect(ours, names.join(' / ')).toEqual(theirs.map((m) => m.line));
    }
  });
});

describe('lvs rules', () => {
  for (const [title, c] of Object.entries(cases)) {
    describe(`${c.code}: ${title}`, () => {
      it('reports the bad config at the expected line', () => {
        expect(linesOf(c.bad, c.code)).toEqual(c.lines);
      });
      it('accepts the corrected config', () => {
        expect(linesOf(c.good, c.code)).toEqual([]);
      });
      const oracle = c.keepalived;
      if (oracle) {
        it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
          const bad = runKeepalived(c.bad).messages;
          const good = runKeepalived(c.good).messages;
          if (oracle === 'silent') {
            // keepalived does not see this problem at all: that is why kalint checks it.
            expect(bad.filter((m) => !/interface|VRRP|VIP/i.test(m.message))).toEqual([]);
            return;
          }
          const hits = bad.filter((m) => oracle.test(m.message));
          expect(hits.length, JSON.stringify(bad)).toBeGreaterThan(0);
          // Where keepalived names a line, kalint reports at that line; otherwise on the virtual_server.
          for (const h of hits) expect(c.lines).toContain(h.line ?? 1);
          expect(good.filter((m) => oracle.test(m.message))).toEqual([]);
        });
      }
      if (c.fixes) {
        it('has a quick fix that removes the finding', () => {
          const d = findings(c.bad, c.code)[0]!;
          expect(d.fix).toBeDefined();
          expect(linesOf(applyFix(c.bad, d.fix!), c.code)).toEqual([]);
        });
      }
    });
  }

  it('a correct load-balancer config gets no lvs finding at all', () => {
    const text = conf('vrrp_instance VI_1 {', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}') +
      vs('10.0.0.1 80', [...BASICS, 'persistence_timeout 300', 'quorum 2'], [
        'real_server 10.0.1.1 80 {', '  weight 1', '  HTTP_GET {', '    url {', '      path /health', '      status_code 200', '    }', '  }', '}',
        'real_server 10.0.1.2 80 {', '  weight 1', '  TCP_CHECK {', '    connect_port 80', '  }', '}',
      ]);
    const codes = findings(text, '').length; // no finding has an empty code; sanity of the helper
    expect(codes).toBe(0);
    for (let n = 501; n <= 532; n++) expect(linesOf(text, `KA${n}`), `KA${n}`).toEqual([]);
  });

  it('the no-protocol default is UDP, so ops without a protocol is fine and a TCP twin is a different service', () => {
    const udp = vs('10.0.0.1 53', ['lb_algo rr', 'lb_kind NAT', 'ops'], ['real_server 10.0.1.1 53 {', '}']);
    expect(linesOf(udp, 'KA521')).toEqual([]);
    const twin = udp + vs('10.0.0.1 53', [...BASICS], ['real_server 10.0.1.1 53 {', '}']);
    expect(linesOf(twin, 'KA501')).toEqual([]);
  });

  it('before 1.3.6 a missing protocol stays 0, which IPVS refuses (keepalived 1.3.5 dumps "protocol = 0")', () => {
    const text = vs('10.0.0.1 80', ['lb_algo rr', 'lb_kind NAT']);
    expect(findings(text, 'KA507', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 leaves its protocol unset (0), and the kernel refuses to add such a service');
    expect(findings(text, 'KA507', '1.3.6')[0]!.message).toContain('keepalived makes it a UDP service');
  });

  // A MySQL pair's notes for CentOS 7 commented out lb_algo and lb_kind: 1.3.5 uses NAT without a word (its
  // checker printed no "no forwarding method set", a message added in 1.3.6, fdd729b3).
  it('quotes the NAT default message only for releases that print it (1.3.6 on)', () => {
    const text = vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr']);
    expect(findings(text, 'KA509', '1.3.5')[0]!.message).toContain('keepalived forwards with NAT (keepalived 1.3.5 says nothing)');
    expect(findings(text, 'KA509', '1.3.6')[0]!.message).toContain('(it logs "no forwarding method set, setting default NAT" when it starts)');
    expect(findings(text, 'KA509', '2.1.0')[0]!.message).toContain('(keepalived: "no forwarding method set, setting default NAT")');
  });

  it('says that -t is silent about the scheduler and forwarding defaults before 2.1.0', () => {
    // keepalived 2.0.19 -t prints nothing for this virtual_server; 2.1.0 and 2.2.7 print "no scheduler set,
    // setting default 'wlc'" and "no forwarding method set, setting default NAT".
    const text = vs('10.0.0.1 80', ['protocol TCP']);
    for (const code of ['KA508', 'KA509']) {
      expect(findings(text, code, '2.0.19')[0]!.message, code).toContain('keepalived 2.0.19 -t does not report it');
      expect(findings(text, code, '2.1.0')[0]!.message, code).toContain('(keepalived: "no ');
    }
  });

  it('says that -t is silent about the UDP default before 2.1.0', () => {
    // The 2.0.16 and 2.0.19 builds print nothing under -t for this virtual_server (the default was logged with
    // log_message when keepalived starts); 2.1.0 prints "Virtual server [10.0.0.1]:none:80: no protocol set -
    // defaulting to UDP" (60061ab1 made it a config error).
    const text = vs('10.0.0.1 80', ['lb_algo rr', 'lb_kind NAT']);
    for (const v of ['2.0.16', '2.0.19']) expect(findings(text, 'KA507', v)[0]!.message, v).toContain(`keepalived ${v} -t does not report it`);
    for (const v of ['2.1.0', '2.2.7']) expect(findings(text, 'KA507', v)[0]!.message, v).toContain('(keepalived: "no protocol set - defaulting to UDP")');
  });

  it('an invalid protocol, lb_algo or lb_kind is ignored, so keepalived still applies its defaults (no value-replacing fix)', () => {
    const text = vs('10.0.0.1 80', ['protocol tcpx', 'lb_algo foo', 'lb_kind dr']);
    for (const code of ['KA507', 'KA508', 'KA509']) {
      const d = findings(text, code);
      expect(d.map((x) => x.range.start.line + 1), code).toEqual([1]);
      expect(d[0]!.fix, code).toBeUndefined();
    }
    // ...and the UDP default counts for duplicate detection.
    expect(linesOf(text + vs('10.0.0.1 80', ['protocol UDP', 'lb_algo rr', 'lb_kind NAT']), 'KA501')).toEqual([8]);
  });

  it('before 2.0.0 a lower-case protocol is no protocol: the release reads only TCP, UDP and SCTP as written', () => {
    // Found by the 1.3.5 sweep of session 36 (a harvested config's `protocol tcp`): the 1.3.5 build's checker
    // process logs "Unknown protocol tcp - ignoring" and its dump shows "protocol = 0"; 1.3.5 to 1.4.5 compare
    // with strcmp, 2.0.0 with strcasecmp (keepalived 2.2.7 -t accepts `protocol tcp` silently, checked below).
    const text = vs('10.0.0.1 80', ['protocol tcp', 'lb_algo rr', 'lb_kind NAT']);
    for (const v of ['2.0.0', '2.2.7']) expect([...linesOf(text, 'KA205', v), ...linesOf(text, 'KA507', v)], v).toEqual([]);
    for (const v of ['1.3.5', '1.3.9', '1.4.5']) {
      const schemaFinding = findings(text, 'KA205', v);
      expect(schemaFinding.map((d) => d.range.start.line + 1), v).toEqual([2]);
      expect(schemaFinding[0]!.message).toContain("got 'tcp' (keepalived before 2.0.0 reads only the word in this case: write 'TCP')");
      expect(schemaFinding[0]!.fix?.edits[0]!.newText).toBe('TCP');
      expect(schemaFinding[0]!.fix?.safe).toBeFalsy();
      expect(findings(text, 'KA507', v)[0]!.message, v).toContain("has no valid 'protocol' (keepalived ignored it)");
    }
    expect(findings(text, 'KA507', '1.3.5')[0]!.message).toContain('leaves its protocol unset (0)');
    expect(findings(text, 'KA507', '1.3.9')[0]!.message).toContain('keepalived makes it a UDP service');
    // The model, and with it duplicate detection, reads the same: 'tcp' is TCP from 2.0.0 only.
    expect(linesOf(text + vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind NAT']), 'KA501')).toEqual([8]);
    expect(linesOf(text + vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind NAT']), 'KA501', '1.3.9')).toEqual([]);
  });

  it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 -t reads a lower-case protocol without a word', () => {
    const text = vs('10.0.0.1 80', ['protocol tcp', 'lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.1.1 80 {', '}']);
    expect(runKeepalived(text).messages).toEqual([]);
  });

  it('before 1.4.0 a tunnelled real server must match the family too, and one that does not breaks the block', () => {
    // Found by the 1.3.5 sweep (pqarmitage's 876a.conf, the libnl build): "Address family of virtual server and real
    // server 10.1.0.1 don't match - skipping.", then the checker process died (SIGSEGV) on the block's 'weight 1'.
    const text = vs('2001:db8::1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind TUN'], ['real_server 10.1.0.1 80 {', '    weight 1', '}']);
    expect(linesOf(text, 'KA527')).toEqual([]);
    expect(linesOf(text, 'KA527', '1.4.0')).toEqual([]);
    const old = findings(text, 'KA527', '1.3.5');
    expect(old.map((d) => d.range.start.line + 1)).toEqual([7]);
    expect(old[0]!.message).toContain('keepalived 1.3.5 skips this real server at its first line but reads the lines of its block into the real server before it, or, when there is none, its checker process crashes');
  });

  it('a virtual server whose only real servers are of the other family is dropped like an empty one', () => {
    const text = vs('10.0.0.1 80', BASICS, ['real_server 2001:db8::1 80 {', '}']);
    expect(linesOf(text, 'KA503')).toEqual([1]);
    expect(linesOf(text, 'KA527')).toEqual([6]);
    // Dropped, so none of keepalived's later checks (scheduler, quorum…) apply to it.
    expect(linesOf(text.replace('lb_algo rr', ''), 'KA508')).toEqual([]);
  });

  // acassen/keepalived#180 posted `virtual_server group mysqlcluster { … }` without the group (and with its one real
  // server unreadable): keepalived unlinks such a virtual server before it checks its real servers. keepalived 2.2.7 -t
  // on `virtual_server group mysqlcluster { protocol TCP }` alone: no message, exit 0.
  it('a group virtual server keepalived drops for its group is not also reported for having no real server', () => {
    const missing = conf('virtual_server group mysqlcluster {', '  protocol TCP', '}');
    expect(linesOf(missing, 'KA503')).toEqual([]);
    expect(linesOf(missing, 'KA515')).toEqual([1]);
    const removed = conf('virtual_server_group g {', '}', 'virtual_server group g {', '  protocol TCP', '}');
    expect(linesOf(removed, 'KA503')).toEqual([]);
    // With the group there, the real-server check applies ("has no real servers - ignoring").
    expect(linesOf(conf('virtual_server_group g {', '  10.0.0.1 80', '}', 'virtual_server group g {', '  protocol TCP', '}'), 'KA503')).toEqual([4]);
  });
  // 516032ec (2.2.8) moved the check to the end of the virtual_server block, before groups are linked. The 2.2.8 build:
  // "(Line 4) Virtual server [10.0.0.1]:tcp:80 has no real servers - ignoring", "(Line 3) Virtual server
  // [mysqlcluster]:0 has no real servers - ignoring", and after a removed group "(Line 5) Virtual server [g]:0 has no
  // real servers - ignoring"; 2.2.7 prints the first without a line and nothing for the other two.
  // keepalived 1.3.5 (scripts/keepalived-1.3.5, checker process) on a virtual_server without real_server, with or
  // without -d: "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)", "Healthcheck child process(N)
  // died: Exiting", "Stopped Keepalived v1.3.5". Its script security check walks the unallocated real server list;
  // e90c7d6b (1.3.6) drops such a virtual server first ("keepalived was segfaulting if a virtual server had no real servers").
  // keepalived 1.3.5, checker process, on a MISC_CHECK without misc_path (alone or beside other virtual servers):
  // "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)", "Healthcheck child process(N) died:
  // Exiting". check_misc_script_security passes the missing path to strchr; aeb99635 (1.3.7) skips the checker.
  it('before 1.3.7 says that the checker crashes on a MISC_CHECK without misc_path', () => {
    const text = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  MISC_CHECK {', '    misc_timeout 3', '  }', '}']);
    expect(findings(text, 'KA517', '1.3.5')[0]!.message).toContain('segmentation fault (SIGSEGV)');
    expect(findings(text, 'KA517', '1.3.7')[0]!.message).toContain('No script path has been specified');
  });
  // keepalived 1.3.5's checker dump of a virtual_server without lb_algo: "lb_algo = " (empty), "lb_kind = NAT";
  // fdd729b3 (1.3.6) added the 'wlc' default with "no scheduler set, setting default 'wlc'".
  it('before 1.3.6 says that a virtual server without a scheduler is refused, not given wlc', () => {
    const text = vs('10.0.0.1 80', ['protocol TCP', 'lb_kind NAT']);
    const [old] = findings(text, 'KA508', '1.3.5');
    expect([old!.severity, old!.message]).toEqual(['error', "'virtual_server 10.0.0.1 80' has no 'lb_algo'; keepalived 1.3.5 hands IPVS an empty scheduler name, and the kernel refuses to add such a service (the 'wlc' default came in 1.3.6)"]);
    expect(findings(text, 'KA508', '1.3.6')[0]!.severity).toBe('warning');
  });
  // Before 2.0.7 (its handler gained the scheduler list) lb_algo copies whatever word it is given: 1.3.5 and 2.0.6's
  // lbalgo_handler is a memcpy into the service's scheduler name, which IPVS then refuses to look up.
  it('before 2.0.7 says that keepalived keeps an unknown scheduler and IPVS refuses it', () => {
    const text = vs('10.0.0.1 80', ['protocol TCP', 'lb_kind NAT', 'lb_algo foo']);
    for (const v of ['1.3.5', '2.0.6']) {
      expect(findings(text, 'KA205', v)[0]!.message, v).toContain(`; keepalived ${v} does not check it: it hands 'foo' to IPVS, which refuses a scheduler it does not know, so this virtual server is never set up`);
      expect(findings(text, 'KA508', v), v).toEqual([]);
    }
    expect(findings(text, 'KA205', '2.0.7')[0]!.message).toContain("keepalived reports it and ignores the line (without another lb_algo, the scheduler is 'wlc')");
    expect(findings(text, 'KA508', '2.0.7')).toHaveLength(1);
  });
  // fcd3efa5 (2.0.15) resets DR/TUN real server ports and clears fwmark ones. On voxpupuli's fwmark DR service the
  // 2.0.14 build says nothing of the port and 2.0.16 prints "WARNING - fwmark virtual server FWM 123, real server
  // [10.1.1.2]:tcp:80 has port specified - clearing"; 1.3.5's checker dump keeps "RPORT = 80".
  // s58 suggestions audit (2.2.7 checker dump): a checker without connect_port takes the server's port as written,
  // before keepalived resets it; "Remove the port" left TCP_CHECK probing port 0 and the server marked down.
  it('offers no port removal that would leave a health check probing port 0', () => {
    const fw = (checker: string[]) => vs('fwmark 123', ['lb_algo rr', 'lb_kind DR'], ['real_server 10.1.1.2 80 {', ...checker, '}']);
    expect(findings(fw([]), 'KA510')[0]!.fix?.description).toBe('Remove the port');
    expect(findings(fw(['    TCP_CHECK {', '        connect_timeout 3', '    }']), 'KA510')[0]!.fix).toBeUndefined();
    expect(findings(fw(['    TCP_CHECK {', '        connect_port 80', '    }']), 'KA510')[0]!.fix?.description).toBe('Remove the port');
    const dr = vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind DR'], ['real_server 10.0.1.1 8080 {', '    TCP_CHECK {', '        connect_timeout 3', '    }', '}']);
    expect(findings(dr, 'KA510')[0]!.fix?.description).toBe('Use port 80 (the health checks then probe port 80 too)');
  });
  it('leaves DR/TUN ports alone before 2.0.15, which keeps them as written', () => {
    const fw = vs('fwmark 123', ['lb_algo rr', 'lb_kind DR'], ['real_server 10.1.1.2 80 {', '}']);
    expect(findings(fw, 'KA510', '2.0.14')).toEqual([]);
    expect(findings(fw, 'KA510', '2.0.15')).toHaveLength(1);
    const dr = vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind DR'], ['real_server 10.0.1.1 8080 {', '}']);
    expect(findings(dr, 'KA510', '1.3.5')).toEqual([]);
    expect(findings(dr, 'KA510', '2.2.7')).toHaveLength(1);
  });
  // A virtual server written without a port serves port 0: a DR real server's port is reset to it (found with the
  // mutation fuzzer: pqarmitage's 1995a.conf with a virtual server's port dropped).
  const noPort = vs('172.20.133.44', ['protocol TCP', 'lb_algo rr', 'lb_kind DR', 'persistence_timeout 50'], ['real_server 172.20.35.194 465 {', '}']);
  it('resets a DR real server port to 0 when the virtual server has no port', () => {
    const [d] = findings(noPort, 'KA510');
    expect(d!.message).toContain('keepalived resets it to 0 (the virtual server has no port: it serves every port)');
    expect(applyFix(noPort, d!.fix!)).toContain('real_server 172.20.35.194 {');
    expect(findings(noPort.replace('lb_kind DR', 'lb_kind NAT'), 'KA510')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('as keepalived -t says', () => {
    expect(runKeepalived(noPort).messages.filter((m) => /ports don't match - resetting/.test(m.message))).toHaveLength(1);
    expect(runKeepalived(applyFix(noPort, findings(noPort, 'KA510')[0]!.fix!)).messages.filter((m) => /ports don't match/.test(m.message))).toEqual([]);
  });
  // `fwmark 0` marks nothing: keepalived reads the block as a service by address, with no address and port 0
  // (fuzzing seed 748: pqarmitage's 0083.conf with `fwmark 31` made 0).
  const mark0 = vs('fwmark 0', ['lb_algo rr', 'lb_kind DR', 'ha_suspend'], ['real_server 10.0.1.1 80 {', '}']);
  it("reads 'virtual_server fwmark 0' as keepalived does: a service by address, with no protocol and port 0", () => {
    const codes = (text: string) => lintText(text, { file: 'keepalived.conf' }).diagnostics.filter((d) => d.code.startsWith('KA5')).map((d) => d.code).sort();
    expect(codes(mark0)).toEqual(['KA507', 'KA510', 'KA520']);
    // Session 60's audit: nothing said the mark was the problem, and KA507/KA520 offered a protocol and persistence.
    const all = lintText(mark0, { file: 'keepalived.conf' }).diagnostics;
    expect(all.find((d) => d.code === 'KA205')?.message).toContain('fwmark 0 is no firewall mark (marks start at 1)');
    expect(all.filter((d) => d.code === 'KA507' || d.code === 'KA520').map((d) => d.fix)).toEqual([undefined, undefined]);
    expect(findings(mark0, 'KA510')[0]!.message).toContain('keepalived resets it to 0');
    expect(findings(mark0.replace('lb_algo rr', 'lb_algo rr\n  protocol TCP'), 'KA506')).toEqual([]);
    // A mark of 1 is a firewall-mark service: its DR port is cleared and ha_suspend cannot work.
    expect(codes(mark0.replace('fwmark 0', 'fwmark 1'))).toEqual(['KA510', 'KA522']);
  });
  // The daemon reads `fwmark 12x` as 12 (session 60's daemon audit: "WARNING - invalid number '12x'", then FWM 12).
  it("says the running daemon reads 'fwmark 12x' as 12", () => {
    const d = lintText(vs('fwmark 12x', ['lb_algo rr', 'lb_kind DR']), { file: 'keepalived.conf' }).diagnostics.find((x) => x.code === 'KA205');
    expect(d?.message).toContain('the running daemon only logs a warning, uses fwmark 12 and reads the block');
  });
  it("does not quote a keepalived message about 'fwmark 0' that keepalived does not print", () => {
    // mistakes61: with 'protocol TCP' and 'persistence_timeout 60' keepalived 2.2.7 -t prints nothing (rc 0); without
    // them it prints "no protocol set - defaulting to UDP" and "zero port only valid for persistent services - setting"
    // with the address as garbage, which KA507 and KA520 report.
    const quiet = vs('fwmark 0', ['lb_algo rr', 'lb_kind DR', 'protocol TCP', 'persistence_timeout 60'], ['real_server 10.0.1.1 {', '}']);
    const d = findings(quiet, 'KA205');
    expect(d.map((x) => x.message)).toEqual([expect.stringContaining('keepalived -t accepts the block when it has both')]);
    expect(d[0]!.message).not.toMatch(/no protocol set|\(none\)|IPVS cannot/);
  });
  it.skipIf(!keepalivedAvailable())("as keepalived -t says of 'fwmark 0'", () => {
    const said = runKeepalived(mark0).messages.map((m) => m.message);
    expect(said.filter((m) => /no protocol set - defaulting to UDP|zero port only valid|ports don't match - resetting/.test(m))).toHaveLength(3);
    expect(said.filter((m) => /ha_suspend|has port specified/.test(m))).toEqual([]);
  });
  // quorum 5 over one real server of weight 1: keepalived 1.3.5 keeps it ("Lost quorum 5-0=5 > 1 for VS
  // [192.168.1.10]:80"); the 2.0.9 build: "quorum 5 ... exceeds number of real servers 1, reducing quorum to 1"
  // (e00217b0, 1.4.1); 2.0.14: "... exceeds total weight of real servers 1, reducing quorum to 1" (6ff73247).
  it('says what each release does with a quorum above the total weight', () => {
    const one = vs('10.0.0.1 80', [...BASICS, 'quorum 5'], ['real_server 10.0.1.1 80 {', '  weight 1', '}']);
    expect(findings(one, 'KA513', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 keeps it, so the quorum is never reached');
    expect(findings(one, 'KA513', '2.0.9')[0]!.message).toContain('keepalived 2.0.9 lowers it to 1, the number of real servers');
    expect(findings(one, 'KA513', '2.0.14')[0]!.message).toContain('keepalived reduces the quorum to 1');
    // Two real servers of weight 10 and quorum 30: above the weight 20 and above the count 2.
    const heavy = vs('10.0.0.1 80', [...BASICS, 'quorum 30'], ['real_server 10.0.1.1 80 {', '  weight 10', '}', 'real_server 10.0.1.2 80 {', '  weight 10', '}']);
    expect(findings(heavy, 'KA513', '2.0.9')[0]!.message).toContain('lowers it to 2, the number of real servers');
  });
  // 2.1.0 to 2.1.5 mark a real server's unset weight with INT_MAX, which is also the largest weight: 'weight 2147483647'
  // reads as none, and the server takes the virtual server's weight (found with fuzz-generate against 2.1.5).
  const maxWeight = vs('10.0.0.1 80', [...BASICS, 'quorum 5'], ['real_server 10.0.1.1 80 {', '  weight 2147483647', '}', 'real_server 10.0.1.2 80 {', '}']);
  it("counts 'weight 2147483647' as no weight in 2.1.0 to 2.1.5", () => {
    expect(findings(maxWeight, 'KA513', '2.1.5').map((d) => d.message)).toEqual([expect.stringContaining('exceeds the total real server weight 2;')]);
    // 2.0.0 to 2.0.19 refuse it (at most 65535: "Real server weight 2147483647 is outside range 0-65535"): the same sum.
    expect(findings(maxWeight, 'KA513', '2.0.19').map((d) => d.message)).toEqual([expect.stringContaining('exceeds the total real server weight 2;')]);
    expect(findings(maxWeight, 'KA513', '2.2.0')).toEqual([]);
  });
  for (const release of ['2.0.19', '2.1.5', '2.2.4']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t on 'weight 2147483647'`, () => {
      const said = runRelease(binary!, maxWeight).messages.filter((m) => /exceeds total weight/.test(m.message)).map((m) => m.message);
      expect(said).toEqual(release === '2.2.4' ? [] : [expect.stringContaining('exceeds total weight of real servers 2, reducing quorum to 2')]);
    });
  }
  // A weight line out of the release's range is refused (the server keeps the virtual server's weight), and an invalid
  // later quorum or hysteresis line keeps the earlier value ("Hysteresis -1 must be in [0, 4294967295] - ignoring").
  // Found with fuzz-generate against 2.0.19.
  const refusedWeight = vs('10.0.0.1 80', [...BASICS, 'quorum 5'], ['real_server 10.0.1.1 80 {', '  weight 65536', '}']);
  const laterInvalid = vs('10.0.0.1 80', [...BASICS, 'quorum 3', 'hysteresis 4', 'hysteresis -1', 'quorum 0'], ['real_server 10.0.1.1 80 {', '  weight 5', '}']);
  it('counts a weight the release refuses as none, and keeps a quorum or hysteresis over a later invalid line', () => {
    expect(findings(refusedWeight, 'KA513', '2.0.19').map((d) => d.message)).toEqual([expect.stringContaining('exceeds the total real server weight 1;')]);
    expect(findings(refusedWeight, 'KA513', '2.2.7')).toEqual([]);
    // (An invalid quorum is not ignored but set to 1: "Quorum 0 must be in [1, 4294967295]. Setting to 1.")
    expect(findings(laterInvalid, 'KA514').map((d) => d.message)).toEqual([expect.stringContaining('hysteresis 4 is not below the quorum 1')]);
  });
  const build = releaseBinary('2.0.19');
  it.skipIf(!build)("agrees with keepalived 2.0.19 -t on a refused weight", () => {
    expect(runRelease(build!, refusedWeight).messages.map((m) => m.message)).toContainEqual(expect.stringContaining('exceeds total weight of real servers 1, reducing quorum to 1'));
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t on a later invalid hysteresis', async () => {
    expect((await runKeepalivedAsync(laterInvalid)).messages.map((m) => m.message)).toContainEqual(expect.stringContaining('hysteresis 4 >= quorum 1'));
  });
  // Before b95e37f0 (2.1.0) a sorry server read before any lb_kind keeps no method, and the port check, which spares only
  // NAT, resets its port (found with fuzz-generate against 2.0.19).
  const sorryFirst = conf(
    'virtual_server 192.0.2.2 80 {', '  protocol TCP', '  real_server 192.0.2.3 80 {', '  }', '  sorry_server 192.0.2.1 24', '}',
    'virtual_server 192.0.2.2 81 {', '  protocol TCP', '  lb_kind NAT', '  real_server 192.0.2.3 81 {', '  }', '  sorry_server 192.0.2.1 24', '}',
    'virtual_server 192.0.2.2 82 {', '  protocol TCP', '  sorry_server 192.0.2.1 24', '  lb_kind NAT', '  real_server 192.0.2.3 82 {', '  }', '}',
  );
  it('resets the port of a sorry server without a method before 2.1.0', () => {
    expect(findings(sorryFirst, 'KA510', '2.0.19').map((d) => d.range.start.line + 1)).toEqual([1, 14]);
    expect(findings(sorryFirst, 'KA510', '2.0.19')[0]!.message).toContain('it has no forwarding method');
    expect(findings(sorryFirst, 'KA510', '2.1.5')).toEqual([]);
  });
  for (const release of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t on a sorry server read before lb_kind`, () => {
      const said = runRelease(binary!, sorryFirst).messages.filter((m) => /sorry server ports don't match/.test(m.message)).map((m) => /:(\d+) and sorry/.exec(m.message)![1]);
      expect(said).toEqual(release === '2.0.19' ? ['80', '82'] : []);
    });
  }
  // From 36318cb4 (2.0.14) to ca49b6cd (2.1.4) an SMTP_CHECK host block starts as a copy of the checker's connection so
  // far: it takes the checker's connect_ip and bind_if (found with fuzz-generate against 2.0.19).
  const smtpHosts = (bindIf: string) => vs('2001:db8::1 25', ['protocol TCP'], ['real_server 2001:db8::2 25 {', '  SMTP_CHECK {', '    connect_ip fe80::1', ...(bindIf ? [bindIf] : []), '    host {', '    }', '    host {', '      connect_ip fe80::2', '    }', '  }', '}']);
  it('KA530: an SMTP_CHECK host takes the checker connect_ip and bind_if in 2.0.14 to 2.1.3', () => {
    const at = (text: string, target: string) => findings(text, 'KA530', target).map((d) => d.range.start.line + 1);
    const withBind = smtpHosts('    bind_if eth0');
    const without = smtpHosts('');
    expect(at(withBind, '2.0.19')).toEqual([]);
    expect(at(withBind, '2.1.5')).toEqual([11]);
    expect(at(without, '2.0.19')).toEqual([7, 10, 11]);
    expect(at(without, '2.2.7')).toEqual([10, 11]);
  });
  for (const release of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`KA530: agrees with keepalived ${release} -t on SMTP_CHECK hosts`, () => {
      for (const [bind, want] of [['    bind_if eth0', release === '2.0.19' ? [] : [11]], ['', release === '2.0.19' ? [7, 10, 11] : [10, 11]]] as const) {
        const said = runRelease(binary!, smtpHosts(bind)).messages.filter((m) => /requires a bind_if/.test(m.message)).map((m) => m.line!);
        expect([...new Set(said)].sort((a, b) => a - b), `${release} ${bind}`).toEqual(want);
      }
    });
  }
  // Before 36318cb4 (2.0.14) an SMTP_CHECK checks its own connection only when one of its options is set, and frees it
  // twice when it drops it (found with fuzz-generate against 2.0.10).
  const smtpOwn = (body: string[]) => vs('2001:db8::3 25', ['protocol TCP'], ['real_server fe80::1 25 {', '  SMTP_CHECK {', ...body, '  }', '}']);
  const smtpCases: [string, string[], string[]][] = [
    ['no option', [], []],
    ['an fwmark', ['    fwmark 5'], ['6 crash']],
    ['a host block', ['    host {', '    }'], ['6']],
  ];
  it('KA530: SMTP_CHECK before 2.0.14 checks its connection only when an option is set, and then crashes', () => {
    for (const [what, body, want] of smtpCases) {
      expect(findings(smtpOwn(body), 'KA530', '2.0.10').map((d) => `${d.range.start.line + 1}${d.message.includes('crashes') ? ' crash' : ''}`), what).toEqual(want);
    }
    expect(findings(smtpOwn([]), 'KA530', '2.0.19').map((d) => d.range.start.line + 1)).toEqual([5]);
  });
  const build2010 = releaseBinary('2.0.10');
  it.skipIf(!build2010)('KA530: agrees with keepalived 2.0.10 -t on SMTP_CHECK connections', () => {
    for (const [what, body, want] of smtpCases) {
      const run = runRelease(build2010!, smtpOwn(body));
      expect(run.messages.filter((m) => /requires a bind_if/.test(m.message)).map((m) => String(m.line)), what).toEqual(want.map((w) => w.split(' ')[0]!));
      expect(run.signal === 'SIGSEGV', what).toBe(want.some((w) => w.endsWith('crash')));
    }
  });
  // From ca49b6cd (2.1.4) an SMTP_CHECK with host blocks and no connection option of its own checks only its hosts; from
  // 2.2.8 a host's connect_ip goes to the checker's connection, leaving the host on the real server (found with
  // fuzz-generate, 2.4.3; see the host-line cases below).
  const otherFamilyHost = vs('2001:db8::3 25', ['protocol TCP'], ['real_server fe80::1 25 {', '  SMTP_CHECK {', '    host {', '      connect_ip 192.0.2.1', '    }', '  }', '}']);
  const hostCases: Record<string, number[]> = { '2.0.19': [8], '2.1.5': [], '2.2.7': [], '2.2.8': [7], '2.4.3': [7] };
  it('KA530: an SMTP_CHECK with hosts, and a host connect_ip of the other family, by release', () => {
    for (const [release, want] of Object.entries(hostCases)) expect(findings(otherFamilyHost, 'KA530', release).map((d) => d.range.start.line + 1), release).toEqual(want);
  });
  for (const release of Object.keys(hostCases)) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`KA530: agrees with keepalived ${release} -t on an SMTP_CHECK host of the other family`, () => {
      expect(runRelease(binary!, otherFamilyHost).messages.filter((m) => /requires a bind_if/.test(m.message)).map((m) => m.line), release).toEqual(hostCases[release]);
    });
  }
  // A host keepalived drops leaves the checker without hosts, and then it checks its own connection (fuzz-generate,
  // 2.1.5; 2.2.7 too). From 2.2.8 a host's connection lines set the checker's connection, and the host connects to the
  // real server (fuzz-generate found the first of these as "a connect_ip of the other family is dropped").
  const smtpWithHost = (server: string, hostLines: string[]) => vs('2001:db8::3 25', ['protocol TCP'], [`real_server ${server} 25 {`, '  SMTP_CHECK {', '    host {', ...hostLines.map((l) => `      ${l}`), '    }', '  }', '}']);
  const hostLineCases: [string, string, Record<string, number[]>][] = [
    ['every host dropped', smtpWithHost('fe80::1', ['connect_port 25']), { '2.1.5': [7, 8], '2.2.7': [7, 8], '2.2.8': [7, 8], '2.4.3': [7, 8] }],
    ["a host's link-local connect_ip", smtpWithHost('2001:db8::2', ['connect_ip fe80::5']), { '2.1.5': [7], '2.2.7': [7], '2.2.8': [8], '2.4.3': [8] }],
    ["a host's connect_ip with its bind_if", smtpWithHost('2001:db8::2', ['connect_ip fe80::5', 'bind_if eth0']), { '2.2.7': [], '2.2.8': [], '2.4.3': [] }],
  ];
  it('KA530: SMTP_CHECK hosts dropped, and host lines that set the checker connection from 2.2.8', () => {
    for (const [what, text, byRelease] of hostLineCases) {
      for (const [release, want] of Object.entries(byRelease)) expect(findings(text, 'KA530', release).map((d) => d.range.start.line + 1), `${what} ${release}`).toEqual(want);
    }
  });
  for (const release of ['2.1.5', '2.2.7', '2.2.8', '2.4.3']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`KA530: agrees with keepalived ${release} -t on SMTP_CHECK host lines`, () => {
      for (const [what, text, byRelease] of hostLineCases) {
        if (!byRelease[release]) continue;
        const said = runRelease(binary!, text).messages.filter((m) => /requires a bind_if/.test(m.message)).map((m) => m.line!);
        expect([...new Set(said)], `${what} ${release}`).toEqual(byRelease[release]);
      }
    });
  }
  // Before 2.1.0 a DNS_CHECK dropped for its link-local address frees the built-in default name: an abort (fuzz-generate, 2.0.19).
  const dnsLinkLocal = (name: string) => vs('2001:db8::3 53', ['protocol UDP'], ['real_server fe80::1 53 {', '  DNS_CHECK {', ...(name ? [`    name ${name}`] : []), '  }', '}']);
  it('KA530: predicts the 2.0.x abort on a dropped DNS_CHECK without a name', () => {
    const crash = (text: string, target: string) => findings(text, 'KA530', target).map((d) => d.message.includes('free(): invalid pointer'));
    expect(crash(dnsLinkLocal(''), '2.0.19')).toEqual([true]);
    expect(crash(dnsLinkLocal('example.com'), '2.0.19')).toEqual([false]);
    expect(crash(dnsLinkLocal(''), '2.1.5')).toEqual([false]);
  });
  // The same default name is freed when keepalived drops a group virtual server whose group is missing (KA515).
  const dnsInMissingGroup = vs('group nosuch', ['protocol UDP'], ['real_server 192.0.2.4 53 {', '  DNS_CHECK {', '  }', '}']);
  it('KA515: predicts the 2.0.x abort when it drops a virtual server with a DNS_CHECK without a name', () => {
    expect(findings(dnsInMissingGroup, 'KA515', '2.0.19').map((d) => [d.severity, d.message.includes('free(): invalid pointer')])).toEqual([['error', true]]);
    expect(findings(dnsInMissingGroup, 'KA515', '2.1.5').map((d) => [d.severity, d.message.includes('free(): invalid pointer')])).toEqual([['warning', false]]);
  });
  // And when it drops a group virtual server whose group is of the other family (KA532).
  const dnsInOtherFamily = conf('virtual_server_group G {', '  192.0.2.1 53', '}') + vs('group G', ['protocol UDP'], ['real_server 2001:db8::4 53 {', '  DNS_CHECK {', '  }', '}']);
  it('KA532: predicts the 2.0.x abort too', () => {
    expect(findings(dnsInOtherFamily, 'KA532', '2.0.19').map((d) => [d.severity, d.message.includes('free(): invalid pointer')])).toEqual([['error', true]]);
    expect(findings(dnsInOtherFamily, 'KA532', '2.1.5').map((d) => [d.severity, d.message.includes('free(): invalid pointer')])).toEqual([['warning', false]]);
  });
  for (const release of ['2.0.10', '2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`KA515/KA532: agree with keepalived ${release} -t on a dropped virtual server with a DNS_CHECK`, () => {
      expect(runRelease(binary!, dnsInMissingGroup).signal === 'SIGABRT').toBe(release !== '2.1.5');
      expect(runRelease(binary!, dnsInOtherFamily).signal === 'SIGABRT').toBe(release !== '2.1.5');
    });
    it.skipIf(!binary)(`KA530: agrees with keepalived ${release} -t on a dropped DNS_CHECK`, () => {
      expect(runRelease(binary!, dnsLinkLocal('')).signal === 'SIGABRT').toBe(release !== '2.1.5');
      expect(runRelease(binary!, dnsLinkLocal('example.com')).signal).toBeUndefined();
    });
  }
  // keepalived 1.3.5's checker dump of an empty virtual_server_group G used by a virtual server: "Virtual Server
  // Group = G", "VS GROUP = G" with its real server, no word of removing; 5ef57352 (1.3.7) added "has no entries - removing".
  it('before 1.3.7 says that an empty virtual_server_group is kept but gives no service', () => {
    const text = conf('virtual_server_group G {', '}', 'virtual_server group G {', '  protocol TCP', '  real_server 10.0.1.1 80 {', '  }', '}');
    expect(findings(text, 'KA526', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 keeps it, and the virtual servers using it add no service to IPVS');
    expect(findings(text, 'KA526', '1.3.7')[0]!.message).toContain('has no entries - removing');
  });
  // lib/notify.c (2.3.0 to 2.4.3) walks the written path of a script run as root without following links; on a merged-/usr
  // host the 2.4.3 checker logs "Disabling misc script /bin/true due to insecure" (KA365 has the VRRP side's -t line).
  it('KA536: a MISC_CHECK or notify script under /bin run as root, from 2.3.0', () => {
    const text = vs('10.0.0.1 80', [...BASICS, 'quorum_up "/sbin/ip route add 10.9.0.0/16 dev eth0"'], ['real_server 10.0.1.1 80 {', '  MISC_CHECK {', '    misc_path "/bin/nc -z 10.0.1.1 80"', '  }', '}']);
    expect(linesOf(text, 'KA536', '2.4.3')).toEqual([5, 8]);
    expect(linesOf(text, 'KA536', '2.2.8')).toEqual([]);
    expect(linesOf('global_defs {\n  enable_script_security\n  script_user nobody\n}\n' + text, 'KA536', '2.4.3')).toEqual([]);
    const fixed = applyFix(text, findings(text, 'KA536', '2.4.3')[1]!.fix!);
    expect(fixed).toContain('misc_path "/usr/bin/nc -z 10.0.1.1 80"');
  });
  it('before 1.3.6 says that the checker crashes on a virtual server without real servers', () => {
    const plain = vs('10.0.0.1 80', BASICS, []);
    const found = findings(plain, 'KA503', '1.3.5');
    expect(found.map((d) => [d.range.start.line + 1, d.severity])).toEqual([[1, 'error']]);
    expect(found[0]!.message).toContain('segmentation fault (SIGSEGV)');
    expect(findings(plain, 'KA503', '1.3.6')[0]!.message).toContain('has no real servers - ignoring');
  });
  it('a sorry_server keepalived cannot read is no sorry server for the other rules (KA510)', () => {
    // keepalived 2.2.7 -t: "number '99999' outside range [1, 65535]", "Invalid sorry server IP address 10.0.0.3 -
    // skipping", and nothing about the TUN port.
    const text = vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind TUN', 'sorry_server 10.0.0.3 99999'], ['real_server 10.0.0.2 80 {', '}']);
    expect(linesOf(text, 'KA510')).toEqual([]);
    expect(findings(text, 'KA205')[0]!.message).toContain('keepalived ignores this sorry_server');
    expect(linesOf(text.replace('99999', '8080'), 'KA510')).toEqual([1]);
  });
  it('KA515 before 1.3.6: the virtual server stays, without addresses', () => {
    // v1.3.5 check/ipwrapper.c only logs "Virtual server group G1 specified but not configured - ignoring virtual
    // server" and keeps the server; ipvs_group_cmd returns at once when the group is missing, so IPVS gets nothing.
    const text = conf('virtual_server group G1 {', '  delay_loop 6', '  real_server 10.0.0.2 80 {', '    weight 1', '  }', '}');
    const old = findings(text, 'KA515', '1.3.5');
    expect(old.map((d) => d.range.start.line + 1)).toEqual([1]);
    expect(old[0]!.message).toContain('keeps this virtual server without addresses');
    expect(findings(text, 'KA515', '1.3.6')[0]!.message).toContain('drops this virtual server');
  });
  it('before 1.3.6 the crash comes also for a group virtual server whose group is missing', () => {
    // The 1.3.5 build only logs "Virtual server group G1 specified but not configured - ignoring virtual server"
    // and keeps the server: "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV)." With a
    // real_server it runs on (the log then says "Removing service [10.0.0.2]:80 from VS [G1]:0").
    const missing = conf('virtual_server group G1 {', '  delay_loop 6', '  protocol TCP', '}');
    expect(linesOf(missing, 'KA503', '1.3.5')).toEqual([1]);
    expect(linesOf(conf('virtual_server group G1 {', '  delay_loop 6', '  real_server 10.0.0.2 80 {', '    weight 1', '  }', '}'), 'KA503', '1.3.5')).toEqual([]);
  });
  it('from 2.2.8 reports at the closing brace, group virtual servers included', () => {
    const plain = vs('10.0.0.1 80', BASICS, []);
    expect(linesOf(plain, 'KA503', '2.2.7')).toEqual([1]);
    expect(linesOf(plain, 'KA503', '2.2.8')).toEqual([5]);
    const missing = conf('virtual_server group mysqlcluster {', '  protocol TCP', '}');
    expect(linesOf(missing, 'KA503', '2.2.8')).toEqual([3]);
    const removed = conf('virtual_server_group g {', '}', 'virtual_server group g {', '  protocol TCP', '}');
    expect(linesOf(removed, 'KA503', '2.2.8')).toEqual([5]);
    const otherFamily = vs('10.0.0.1 80', BASICS, ['real_server 2001:db8::1 80 {', '}']);
    expect(linesOf(otherFamily, 'KA503', '2.2.8')).toEqual([7]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived -t: a group virtual server without its group is dropped silently', () => {
    const r = runKeepalived(conf('virtual_server group mysqlcluster {', '  protocol TCP', '}'));
    expect(r.messages).toEqual([]);
    expect(r.exitStatus).toBe(0);
  });

  it('KA516 also checks group entries, and accepts static addresses and files without VRRP', () => {
    const vi = conf('vrrp_instance VI_1 {', '  virtual_ipaddress {', '    10.0.0.1/24', '  }', '}');
    const group = conf('virtual_server_group WEB {', '  10.0.0.1 80', '  10.0.0.7 80', '}') + vs('group WEB', BASICS);
    expect(linesOf(vi + group, 'KA516')).toEqual([8]);
    expect(linesOf(vi + conf('static_ipaddress {', '  10.0.0.7/24 dev eth0', '}') + group, 'KA516')).toEqual([]);
    expect(linesOf(group, 'KA516')).toEqual([]);
  });

  it('KA516 names a VIP one octet away (not the host octet) as a likely typo', () => {
    // csdn Skywin88's director: VIPs 10.16.16.25/26 and 'virtual_server 10.16.15.25 80'.
    const vi = conf('vrrp_instance VI_1 {', '  virtual_ipaddress {', '    10.16.16.26 dev ens3', '    10.16.16.25 dev ens3', '  }', '}');
    const message = (address: string) => findings(vi + vs(`${address} 80`, BASICS), 'KA516')[0]!.message;
    expect(message('10.16.15.25')).toMatch(/it will not move with VRRP failover \(VIP 10\.16\.16\.25 differs in one octet: a typo\?\)$/);
    // Another host on the VIPs' subnet, or an address that is two octets away, is not called a typo.
    expect(message('10.16.16.27')).toMatch(/failover$/);
    expect(message('10.17.15.25')).toMatch(/failover$/);
  });

  // Found on kube-keepalived-vip's expected output: two vrrp_instance 'vips' (one per interface), the second
  // carrying 192.168.1.1; keepalived ignores it, so the virtual server's address moves with no instance, and
  // the cause is the repeated name, not a typo of 192.168.0.1.
  it('KA516 names a repeated vrrp_instance keepalived ignores instead of calling a VIP a typo', () => {
    const vi = (vip: string) => conf('vrrp_instance vips {', '  virtual_ipaddress {', `    ${vip}`, '  }', '}');
    const message = findings(vi('192.168.0.1') + vi('192.168.1.1') + vs('192.168.1.1 80', BASICS), 'KA516')[0]!.message;
    expect(message).toBe(
      "'virtual_server 192.168.1.1 80': 192.168.1.1 is not a virtual_ipaddress of any vrrp_instance keepalived reads in this file (it ignores the repeated vrrp_instance 'vips' of line 6); it will not move with VRRP failover",
    );
  });

  it('KA501 sees a group entry that repeats a plain virtual server', () => {
    const text = vs('10.0.0.1 80', BASICS) + conf('virtual_server_group WEB {', '  10.0.0.1 80', '  10.0.0.2 80', '}') + vs('group WEB', BASICS);
    const d = findings(text, 'KA501');
    expect(d.map((x) => x.range.start.line + 1)).toEqual([12]);
    expect(d[0]!.related?.map((r) => r.range.start.line + 1)).toEqual([1, 9]);
    expect(linesOf(text.replace('  10.0.0.1 80\n', '  10.0.0.3 80\n'), 'KA501')).toEqual([]);
  });

  it('KA510 with a group: an entry without a port has port 0', () => {
    const group = conf('virtual_server_group G {', '  10.0.0.1 80', '  10.0.0.2', '}');
    const text = group + vs('group G', ['protocol TCP', 'lb_algo rr', 'lb_kind DR', 'persistence_timeout 60']);
    expect(findings(text, 'KA510').map((d) => d.message)).toEqual([expect.stringContaining('an entry on port 0')]);
    expect(linesOf(text.replace('  10.0.0.2\n', '  10.0.0.2 80\n'), 'KA510')).toEqual([]);
  });

  it("KA510 with a group: a sorry server's port is ignored, not a mismatch", () => {
    // From a user's config (acassen/keepalived#490). keepalived 2.2.7 on it: "virtual server
    // [group01]:0:[10.2.0.1,9200] and real server [10.1.105.1]:tcp:3306 ports don't match" and
    // "WARNING - virtual server [group01]:0, sorry server has port specified - port will be ignored".
    const group = conf('virtual_server_group group01 {', '  10.2.0.1 9200', '}');
    const text = group + vs('group group01', ['protocol TCP', 'lb_algo wrr', 'lb_kind DR', 'sorry_server 10.1.105.2 3306'], ['real_server 10.1.105.1 3306 {', '}']);
    const messages = findings(text, 'KA510').map((d) => d.message);
    expect(messages).toEqual([expect.stringContaining("ports don't match"), expect.stringContaining('sorry server has port specified - port will be ignored')]);
    expect(messages[1]).toContain("keepalived ignores the sorry server's port");
    if (keepalivedAvailable()) expect(runKeepalived(text).messages.map((m) => m.message)).toContainEqual(expect.stringContaining('sorry server has port specified - port will be ignored'));
  });

  it('a group virtual server dropped for its family gets none of the after-reading checks', () => {
    const text = conf('virtual_server_group WEB {', '  10.0.0.1 80', '}') + vs('group WEB', ['lb_kind NAT'], ['real_server 2001:db8::10 80 {', '}']);
    expect(linesOf(text, 'KA532')).toEqual([4]);
    expect(linesOf(text, 'KA507')).toEqual([]);
    expect(linesOf(text, 'KA508')).toEqual([]);
  });

  it("KA532 quotes the log line keepalived writes: a mixed group has its own", () => {
    const mixed = conf('virtual_server_group WEB {', '  10.0.0.1 80', '  2001:db8::1 80', '}') + vs('group WEB', BASICS, ['real_server 2001:db8::10 80 {', '}']);
    expect(findings(mixed, 'KA532').map((d) => d.message)).toEqual([expect.stringContaining("virtual server group with IPv4 & IPv6 doesn't match virtual server")]);
    const other = conf('virtual_server_group WEB {', '  10.0.0.1 80', '}') + vs('group WEB', BASICS, ['real_server 2001:db8::10 80 {', '}']);
    expect(findings(other, 'KA532').map((d) => d.message)).toEqual([expect.stringContaining("address family doesn't match virtual server")]);
  });

  // recheck64 bug 5: ipvs_group_range_cmd (check/ipvswrapper.c, 2.0.19 to 2.4.3) steps the address with `+= htonl(1)`,
  // which on a little-endian host adds 1 to the last octet with no carry, and stops only at the end address: an end
  // outside the start's /24 is never reached (recheck64's t/le.c: 10.0.0.255 -> 10.0.0.0).
  it('KA544 on an IPv4 prefix or range wider than the last octet, in a group a virtual_server uses', () => {
    const text = (entries: string, used = true) => `virtual_server_group H {\n${entries}}\n${used ? 'virtual_server group H {\n    protocol TCP\n    real_server 10.0.2.1 80 {\n    }\n}\n' : ''}`;
    const at = (t: string, target?: string) => findings(t, 'KA544', target).map((d) => d.range.start.line + 1);
    expect(at(text('    10.0.0.0/23 80\n    10.0.0.10-10.0.1.11 80\n    10.0.0.0/8 80\n'))).toEqual([2, 3, 4]);
    expect(findings(text('    10.0.0.0/23 80\n'), 'KA544')[0]!.message).toContain("never reaches the end: it loops at start");
    // Within the start's /24, IPv6, ADDR-N, an unused group: nothing.
    expect(at(text('    10.0.0.0/24 80\n    10.0.0.128/25 80\n    10.0.0.10-10.0.0.255 80\n    10.0.0.1-200 80\n    2001:db8::/64 80\n'))).toEqual([]);
    expect(at(text('    10.0.0.0/23 80\n', false))).toEqual([]);
    // Before 2.2.2 there are no prefixes or whole end addresses (KA525 skips them).
    expect(at(text('    10.0.0.0/23 80\n'), '2.2.1')).toEqual([]);
    // recheck64b bug 1: with nftables_ipvs a group without fwmark entries becomes nftables set ranges and one fwmark
    // service (set_vs_fwmark); a build with range support (Debian's) steps through nothing. A fwmark entry keeps the loop.
    const nft = (entries: string, table = '') => `global_defs {\n    nftables_ipvs${table}\n}\n` + text(entries);
    expect(at(nft('    10.0.0.0/23 80\n'))).toEqual([]);
    expect(at(nft('    10.0.0.0/23 80\n', ' kl_ipvs'))).toEqual([]);
    expect(at(nft('    10.0.0.0/23 80\n    fwmark 7\n'))).toEqual([5]);
    // A table name of 256 bytes is ignored ("ipvs nftables table name too long - ignoring"): no nftables, the loop stays.
    expect(at(nft('    10.0.0.0/23 80\n', ' ' + 't'.repeat(256)))).toEqual([5]);
  });
  it('KA525 on a keyword line pasted into a group names its first word', () => {
    // keepalived 2.2.7: "Invalid virtual server group IP address lbs_sched /port/rr - skipping"
    const text = conf('virtual_server_group WEB {', '  lbs_sched rr', '  10.0.1.1 http', '  10.0.1.2 80', '}') + vs('group WEB', BASICS);
    expect(findings(text, 'KA525').map((d) => [d.range.start.line + 1, d.range.start.column, d.message])).toEqual([
      [2, 2, "virtual_server_group 'WEB': 'lbs_sched rr' is not an address and a port; keepalived skips this entry"],
      [3, 11, "virtual_server_group 'WEB': 'http' is not a port; keepalived skips this entry"],
    ]);
  });

  it("KA525 reads an entry's port as read_unsigned does, and not at all before 2.0.7", () => {
    // keepalived 2.2.7 -t in a namespace: '+5', '0' and '000' pass (only zeros are no port); "number '+0' outside range
    // [1, 65535]", "number '65536' outside range", "invalid number '81x'", each "- skipping". Found by fuzzing 2.4.3 (seed 478).
    const text = conf('virtual_server_group WEB {', '  10.0.0.1 +5', '  10.0.0.2 0', '  10.0.0.3 000', '  10.0.0.4 +0', '  10.0.0.5 65536', '  10.0.0.6 81x', '}') + vs('group WEB', BASICS);
    expect(linesOf(text, 'KA525')).toEqual([5, 6, 7]);
    // 1.3.5's inet_stosockaddr takes atoi's number and refuses no port.
    expect(linesOf(text, 'KA525', '1.3.5')).toEqual([]);
  });

  it("KA508 says nothing of a bare 'lb_algo': keepalived exits at that line (KA203)", () => {
    // mistakes61: KA508 said "keepalived uses 'wlc'" next to KA203; 2.2.7 -t: "missing a parameter after keyword \`lb_algo\`", rc 2.
    const bare = vs('10.0.0.1 80', ['protocol TCP', 'lb_algo', 'lb_kind NAT']);
    expect(linesOf(bare, 'KA508')).toEqual([]);
    expect(findings(bare, 'KA203').map((d) => d.message)).toEqual([expect.stringContaining('keepalived exits here')]);
    expect(linesOf(vs('10.0.0.1 80', ['protocol TCP', 'lb_kind NAT']), 'KA508')).toEqual([1]);
  });

  it('a group entry keepalived lacks a word of is KA203 (it exits there), not KA525', () => {
    // keepalived 2.2.7 -t: "(Line 3) *** Configuration line starting `fwmark` is missing a parameter after keyword
    // `fwmark` at word position 2", rc 2, and nothing after it (the same on 2.0.19 and 1.3.5: null_strvec exits).
    const bare = conf('virtual_server_group WEB {', '  10.0.0.1 80', '  fwmark', '}') + vs('group WEB', BASICS);
    for (const v of [undefined, '2.0.19', '1.3.5']) {
      expect(linesOf(bare, 'KA525', v), v).toEqual([]);
      expect(findings(bare, 'KA203', v).map((d) => [d.range.start.line + 1, d.message]), v).toEqual([[3, expect.stringMatching(/^'fwmark' in a virtual_server_group is missing its mark; keepalived exits/)]]);
      expect(linesOf(bare, 'KA526', v), v).toEqual([]);
    }
    // Before 2.0.7 (eb08c93a) an address entry needs its port: 1.3.5 "missing a parameter after keyword `10.0.0.1`
    // at word position 2" and "Keepalived_healthcheckers exited with permanent error CONFIG"; the same for
    // `10.0.0.1:8080`. From 2.0.7 the first is port 0 (KA520) and the second "Invalid virtual server group IP address".
    const noPort = conf('virtual_server_group WEB {', '  10.0.0.9 80', '  10.0.0.1', '  10.0.0.2:8080', '}') + vs('group WEB', ['protocol TCP', 'lb_algo rr', 'lb_kind DR']);
    expect(findings(noPort, 'KA203', '1.3.5').map((d) => [d.range.start.line + 1, d.message])).toEqual([
      [3, expect.stringContaining("entry '10.0.0.1' is missing its port (keepalived 1.3.5; it may be left out from 2.0.7 on)")],
      [4, expect.stringContaining("'10.0.0.2:8080' is missing its port (keepalived 1.3.5; it may be left out from 2.0.7 on) (to keepalived '10.0.0.2:8080' is one word: write '10.0.0.2 8080'); keepalived never reads this line")],
    ]);
    expect([...linesOf(noPort, 'KA520', '1.3.5'), ...linesOf(noPort, 'KA525', '1.3.5')]).toEqual([]);
    expect(linesOf(noPort, 'KA203', '2.0.7')).toEqual([]);
    expect(linesOf(noPort, 'KA525', '2.0.7')).toEqual([4]);
  });

  it('before 2.0.7 a virtual_server without its second word is KA203: keepalived exits there', () => {
    // keepalived 1.3.5: "*** Configuration line starting `virtual_server` is missing a parameter after keyword
    // `10.0.0.1` at word position 3", then "Keepalived_healthcheckers exited with permanent error CONFIG"; the same
    // with `fwmark1` and with a bare `fwmark`. 2.0.19 reads the first as port 0 and skips the second ("Invalid virtual
    // server IP address fwmark1 - skipping").
    const body = ['protocol TCP', 'lb_algo rr', 'lb_kind DR', 'persistence_timeout 60'];
    const at = (header: string, v: string) => findings(vs(header, body), 'KA203', v).map((d) => [d.range.start.line + 1, d.message]);
    expect(at('10.0.0.1', '1.3.5')).toEqual([[1, expect.stringMatching(/^'virtual_server 10.0.0.1' is missing its port \(keepalived 1.3.5; it may be left out from 2.0.7 on\); keepalived exits/)]]);
    expect(at('fwmark1', '1.3.5')).toEqual([[1, expect.stringContaining("(to keepalived 'fwmark1' is one word: write 'fwmark 1'); keepalived exits")]]);
    expect(at('fwmark', '2.0.6')).toEqual([[1, expect.stringMatching(/^'virtual_server fwmark' is missing its mark; keepalived exits/)]]);
    expect(linesOf(vs('fwmark1', body), 'KA205', '1.3.5')).toEqual([]);
    expect(at('10.0.0.1', '2.0.7')).toEqual([]);
    expect(linesOf(vs('fwmark1', body), 'KA205', '2.0.7')).toEqual([1]);
  });

  it('KA515 also follows a group keepalived removes', () => {
    const text = conf('virtual_server_group WEB {', '  10.0.0.3/24 80', '}') + vs('group WEB', BASICS);
    expect(linesOf(text, 'KA526')).toEqual([3]);
    expect(findings(text, 'KA515').map((d) => [d.range.start.line + 1, d.message.includes('removes')])).toEqual([[4, true]]);
    // Before 1.3.7 keepalived keeps an empty group (1.3.5 build, qa15): KA526 alone says its virtual servers add no service.
    const empty = conf('virtual_server_group WEB {', '}') + vs('group WEB', BASICS);
    expect(linesOf(empty, 'KA515', '1.3.5')).toEqual([]);
    expect(linesOf(empty, 'KA526', '1.3.5')).toEqual([2]);
    // Before 2.2.2 a group entry has no mask: keepalived drops '/24' and uses the address 10.0.0.3.
    for (const v of ['1.3.5', '2.0.19', '2.2.0']) expect([...linesOf(text, 'KA525', v), ...linesOf(text, 'KA526', v)], v).toEqual([]);
  });

  it('KA525 reads group entries as each release does', () => {
    // keepalived 2.0.19 -t: "(Line 3) Virtual server group range '10.0.0.5-10.0.0.9' has extra characters at
    // end '.0.0.9'" and "(Line 4) Cannot mix IPv4 and IPv6 in virtual server group - WEB"; 2.1.5 and 2.2.0
    // the first only (both families in one group from 2.1.0, commit fa1eaf7d); 2.2.4 reads the range
    // (whole end addresses and prefixes from 2.2.2, commit dd48e5ee) and says "Address mask bits not
    // empty - 10.0.0.3/24 - skipping" for line 2, which the releases before drop the mask of.
    const text = conf('virtual_server_group WEB {', '  10.0.0.3/24 80', '  10.0.0.5-10.0.0.9 80', '  2001:db8::1 80', '  fwmark 5 inet', '}') + vs('group WEB', BASICS);
    const at = (v: string) => findings(text, 'KA525', v).map((d) => `${d.range.start.line + 1}: ${/\(keepalived: "([^"]*)"\)/.exec(d.message)?.[1]}`);
    expect(at('2.0.19')).toEqual(["3: has extra characters at end '.0.0.9'", '4: Cannot mix IPv4 and IPv6 in virtual server group']);
    expect(at('2.1.5')).toEqual(["3: has extra characters at end '.0.0.9'"]);
    expect(at('2.2.0')).toEqual(["3: has extra characters at end '.0.0.9'"]);
    expect(at('2.2.4')).toEqual(['2: Address mask bits not empty']);
    // The family word after a fwmark came in 2.1.0 (commit 68356007): 2.0.19 ignores whatever follows the mark.
    const mark = conf('virtual_server_group WEB {', '  fwmark 5 inet7', '}') + vs('group WEB', BASICS);
    expect(linesOf(mark, 'KA525', '2.0.19')).toEqual([]);
    expect(linesOf(mark, 'KA525', '2.1.5')).toEqual([2]);
  });

  it('an mh flag under lb_algo sh is silently ignored by keepalived: a warning', () => {
    const d = findings(vs('10.0.0.1 80', ['protocol TCP', 'lb_algo sh', 'mh-port', 'lb_kind NAT']), 'KA511');
    expect(d.map((x) => [x.range.start.line + 1, x.severity])).toEqual([[4, 'warning']]);
  });

  it('hysteresis with all weights 0 explains the wrap-around', () => {
    const d = findings(vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  weight 0', '}']), 'KA514');
    expect(d[0]?.message).toContain('4294967295');
    // No hysteresis line: the finding names the default, not a setting the user never wrote.
    expect(d[0]?.message).toContain("the default hysteresis 0 is not below the quorum 0");
  });

  it('the fix for a missing protocol inserts it inside the block with the block indentation', () => {
    const bad = vs('10.0.0.1 80', ['lb_algo rr', 'lb_kind NAT']);
    expect(applyFix(bad, findings(bad, 'KA507')[0]!.fix!)).toBe(vs('10.0.0.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind NAT']));
  });
});

describe('KA533: a netmask that is not solid, by release', () => {
  // Found by fuzzing pqarmitage's 1542.conf against a 2.0.19 build (Ubuntu 20.04): "(Line 12) IPv4
  // persistence_granularity netmask is not solid - 1.2.3.4". 2.0.20 (912e390e) stopped checking; 2.2.7 reads it.
  const odd = vs('10.0.0.1 443', [...BASICS, 'persistence_timeout 50', 'persistence_granularity 1.2.3.4', 'persistence_granularity 255.255.255.0', 'persistence_granularity 0.0.0.0']);
  it('reports it for 1.4.3 to 2.0.19 only (1.3.7 to 1.4.2 refuse every IPv4 netmask before that check)', () => {
    const found = findings(odd, 'KA533', '2.0.19');
    expect(found.map((d) => d.range.start.line + 1)).toEqual([6]);
    expect(found[0]!.message).toBe(
      "persistence_granularity '1.2.3.4' of 'virtual_server 10.0.0.1 443' is not a netmask of contiguous ones (like 255.255.255.0); keepalived 2.0.19 ignores it (keepalived: \"IPv4 persistence_granularity netmask is not solid\"; 2.0.20 and later accept it)",
    );
    expect(findings(odd, 'KA533', '1.4.3').length).toBe(1);
    expect(findings(odd, 'KA533', '1.3.7').map((d) => d.message)).toEqual(Array(3).fill(expect.stringContaining('Invalid IPv4 persistence_granularity specified')));
    expect(findings(odd, 'KA533', '2.0.20')).toEqual([]);
    expect(findings(odd, 'KA533')).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('2.2.7 reads it silently', async () => {
    const said = (await runKeepalivedAsync(odd)).messages.filter((m) => /granularity/.test(m.message));
    expect(said).toEqual([]);
  });
});

// A real server read before the line settles the family of a fwmark or group service too (its end handler sets it),
// and on an IPv4 service a bare number is a whole address to inet_aton (found with fuzz-generate against 2.0.19).
describe('KA533: the family a real server settles, and a bare number on an IPv4 service', () => {
  const text = (g: string) => vs('fwmark 1', ['lb_algo rr', 'lb_kind NAT', 'real_server 10.0.0.2 80 {', '}', `persistence_granularity ${g}`]);
  const ka533 = (g: string, target?: string) => findings(text(g), 'KA533', target).map((d) => `${d.severity} ${d.message.includes('not solid') ? 'solid' : d.message.includes('0.0.0.') ? 'bare' : 'other'}`);
  it('reads the value as IPv4 after an IPv4 real server', () => {
    expect(ka533('129')).toEqual(['warning bare']);
    expect(ka533('24')).toEqual(['warning bare']);
    expect(findings(text('24'), 'KA533')[0]!.message).toContain("is read as the netmask 0.0.0.24 (a bare number is a whole IPv4 address), not as a prefix length; for a /24 write 255.255.255.0");
    expect(ka533('24', '2.0.19')).toEqual(['error solid']);
    expect(ka533('255.255.255.0')).toEqual([]);
  });
  const binary = releaseBinary('2.0.19');
  it.skipIf(!binary)('agrees with keepalived 2.0.19 -t', () => {
    for (const g of ['129', '1', '64']) expect(runRelease(binary!, text(g)).messages.map((m) => m.message), g).toContainEqual(expect.stringContaining(`IPv4 persistence_granularity netmask is not solid - ${g}`));
  });
  it.skipIf(!keepalivedAvailable())('2.2.7 reads a bare number on an IPv4 service silently', async () => {
    expect((await runKeepalivedAsync(text('129'))).messages).toEqual([]);
  });
});

describe('KA533 before 1.4.3: every IPv4 persistence_granularity refused', () => {
  // keepalived tested inet_aton's result the wrong way round until 1479ce13 (1.4.3). The 1.3.9 build (scripts/
  // keepalived-1.3.5/run.sh, KA_RELEASE=1.3.9, checker process): "Invalid IPv4 persistence_granularity specified -
  // 255.255.255.0" (also for 0.0.0.0 and 255.255.255.192, seen in real configs), and "IPv4 persistence_granularity
  // netmask is not solid - <NETMASK>"; the 1.3.5 build: "Invalid persistence_timeout specified - 255.255.255.0", and
  // for a fwmark service's '64' too (1.3.5 reads it as IPv4), while it dumps '<NETMASK>' as 61.86.0.0.
  const text = (g: string) => vs('10.0.0.1 443', [...BASICS, 'persistence_timeout 50', `persistence_granularity ${g}`]);
  const fwmark = vs('fwmark 5', ['lb_algo rr', 'lb_kind DR', 'persistence_granularity 64'], ['real_server 10.0.1.2 443 {', '}']);
  it('reports a netmask 1.3.9 and 1.3.5 refuse, with what each says', () => {
    expect(findings(text('255.255.255.0'), 'KA533', '1.3.9').map((d) => d.message)).toEqual([
      expect.stringContaining(`is refused by keepalived 1.3.9: before 1.4.3 keepalived tests the address it reads the wrong way round, so it reports every IPv4 netmask and ignores it (keepalived: "Invalid IPv4 persistence_granularity specified - 255.255.255.0")`),
    ]);
    expect(findings(text('255.255.255.0'), 'KA533', '1.3.5')[0]!.message).toContain('"Invalid persistence_timeout specified - 255.255.255.0"');
    expect(findings(text('255.255.255.0'), 'KA533', '1.4.3')).toEqual([]);
    // 1.2.3.4 is refused before the solid-mask check is reached.
    expect(findings(text('1.2.3.4'), 'KA533', '1.3.9')[0]!.message).toContain('Invalid IPv4 persistence_granularity specified - 1.2.3.4');
    expect(findings(text('1.2.3.4'), 'KA533', '1.4.3')[0]!.message).toContain('not solid');
  });
  it('says a value it cannot read is used unpredictably, and reads a fwmark service as IPv4 before 1.3.7', () => {
    expect(findings(text('<NETMASK>'), 'KA533', '1.3.9')[0]!.message).toContain('goes on with a netmask it never set');
    expect(findings(fwmark, 'KA533', '1.3.5')[0]!.message).toContain('"Invalid persistence_timeout specified - 64"');
    expect(findings(fwmark, 'KA533', '1.3.9')).toEqual([]);
  });
});

describe("checkers under a skipped real_server whose '{' is missing (fuzz64 bug 4)", () => {
  // Before 2.2.8 keepalived reads that block's lines as keywords of the real_server read before it in the virtual
  // server: its checkers are queued there and checked as they close, like any other. 2.2.8 reads no checker there.
  const before = ['  real_server 192.0.2.2 80 {', '    TCP_CHECK {', '    }', '  }'];
  const text = (...checker: string[]) => conf('virtual_server 192.0.2.1 80 {', '  protocol TCP', ...before, '  real_server RIP 80', '  weight 1', ...checker, '  }', '}');
  const all = text('  FILE_CHECK {', '  }', '  MISC_CHECK {', '  }', '  HTTP_GET {', '  }');
  const codes = ['KA518', 'KA517', 'KA504'];
  it('reports what keepalived says as each checker closes', () => {
    for (const v of ['2.1.5', '2.2.4', '2.2.7']) expect(codes.map((c) => linesOf(all, c, v)), v).toEqual([[10], [12], [14]]);
    expect(codes.map((c) => linesOf(all, c, '2.2.8'))).toEqual([[], [], []]);
  });
  it('after a MISC_CHECK, an HTTP_GET without urls there crashes 2.2.7 (it checks the connection of the MISC_CHECK)', () => {
    const misc = conf('virtual_server 192.0.2.1 80 {', '  protocol TCP', '  real_server 192.0.2.2 80 {', '    MISC_CHECK {', '      misc_path /bin/true', '    }', '  }', '  real_server RIP 80', '  weight 1', '  HTTP_GET {', '  }', '  }', '}');
    expect(findings(misc, 'KA504').map((d) => `${d.range.start.line + 1} ${d.message}`)).toEqual([expect.stringMatching(/^11 .*the MISC_CHECK of line 4, which has none, and crashes, also under -t$/)]);
  });
  it('claims nothing with no real_server before it (keepalived then writes to memory that is not a server)', () => {
    const alone = conf('virtual_server 192.0.2.1 80 {', '  protocol TCP', '  real_server RIP 80', '  weight 1', '  MISC_CHECK {', '  }', '  }', '}');
    expect(codes.map((c) => linesOf(alone, c))).toEqual([[], [], []]);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t (2.2.7, and the 2.1.5, 2.2.4 and 2.2.8 builds where present)', () => {
    const said = (messages: { line?: number; message: string }[]) => messages.filter((m) => /no track_file specified|No script path|no urls specified/.test(m.message)).map((m) => m.line);
    expect(said(runKeepalived(all).messages)).toEqual([10, 12, 14]);
    for (const [v, want] of [['2.1.5', [10, 12, 14]], ['2.2.4', [10, 12, 14]], ['2.2.8', []]] as const) {
      const bin = releaseBinary(v);
      if (bin) expect(said(runRelease(bin, all).messages), v).toEqual(want);
    }
  });
});

describe('KA504: the crash after a checker without urls', () => {
  // Found by mutating a user's config (lentil1016/kubeadm-ha's generated one, a url's path removed
  // in the second of three real servers): keepalived 2.2.7 reported "has no urls specified" and read
  // on (exit 5). It crashes only when no checker was queued before the dropped one: it then checks
  // the connection options of a checker that is not there (exit 139, 2.0.7 to 2.2.7; 2.2.8 fixed it).
  const noUrl = ['  SSL_GET {', '    connect_timeout 3', '  }'];
  const withUrl = ['  SSL_GET {', '    url {', '      path /', '    }', '  }'];
  const first = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', ...noUrl, '}']);
  const second = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', ...withUrl, '}', 'real_server 10.0.1.2 80 {', ...noUrl, '}']);
  it('takes `path ""` for a path: keepalived keeps the empty string and the url (fuzz62 bug 10; 2.0.19 to 2.4.3 -t silent)', () => {
    const empty = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    url {', '      path ""', '    }', '  }', '}']);
    for (const target of ['1.3.5', '2.0.19', '2.2.7', '2.4.3']) {
      expect(findings(empty, 'KA505', target)).toEqual([]);
      expect(findings(empty, 'KA504', target)).toEqual([]);
      expect(findings(empty, 'KA542', target)).toHaveLength(1);
    }
  });
  it('says keepalived crashes only for the first checker of the file, for the releases that do', () => {
    expect(findings(first, 'KA504')[0]!.message).toContain('no checker comes before it, and keepalived 2.2.7 then crashes');
    expect(findings(second, 'KA504')[0]!.message).not.toContain('crash');
    expect(findings(first, 'KA504', '2.2.8')[0]!.message).not.toContain('crash');
    expect(findings(first, 'KA504', '2.0.7')[0]!.message).toContain('keepalived 2.0.7 then crashes');
  });
  it('says so from 1.3.7, which brought the check: 1.3.9 (Ubuntu 18.04) has no -t, and its checker process dies', () => {
    // The 1.3.9 build (scripts/keepalived-1.3.5/run.sh, KA_RELEASE=1.3.9, checker process): "HTTP/SSL_GET checker
    // has no urls specified - ignoring", "Keepalived_healthcheckers exited due to segmentation fault (SIGSEGV).",
    // "Healthcheck child process(10) died: Exiting"; after a TCP_CHECK it reads on. 1.3.5 has no such check.
    expect(findings(first, 'KA504', '1.3.9')[0]!.message).toContain('no checker comes before it, and keepalived 1.3.9 then crashes, its checker process dies as it reads the config');
    expect(findings(second, 'KA504', '1.3.9')[0]!.message).not.toContain('crash');
    expect(findings(first, 'KA504', '1.3.6')[0]!.message).not.toContain('crash');
    expect(findings(first, 'KA504', '2.2.7')[0]!.message).toContain('crashes, also under -t');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', async () => {
    expect((await runKeepalivedAsync(first)).signal).toBe('SIGSEGV');
    const after = await runKeepalivedAsync(second);
    expect([after.signal, after.exitStatus]).toEqual([undefined, 5]);
  });

  // Found by fuzzing pqarmitage's params.conf (a url's 'path' misspelt, MISC_CHECKs before it): the checker
  // queued before the dropped one was a MISC_CHECK, which has no connection options, and 2.2.7 crashed too.
  const misc = ['  MISC_CHECK {', '    misc_path /bin/true', '  }'];
  const miscNoPath = ['  MISC_CHECK {', '    misc_timeout 3', '  }'];
  const tcp = ['  TCP_CHECK {', '    connect_timeout 3', '  }'];
  const bfd = ['  BFD_CHECK {', '    name b1', '  }'];
  const after = (...before: string[]) =>
    'bfd_instance b1 {\n    neighbor_ip 10.0.0.9\n}\n' + vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', ...before, '}', 'real_server 10.0.1.2 80 {', ...noUrl, '}']);
  const afterMisc = after(...misc);
  const afterBfd = after(...bfd);
  const afterDroppedMisc = after(...miscNoPath);
  const afterTcpAndDroppedMisc = after(...tcp, ...miscNoPath);
  it('says keepalived crashes when the checker queued before has no connection (MISC_CHECK, BFD_CHECK) or every one before is dropped', () => {
    expect(findings(afterMisc, 'KA504')[0]!.message).toMatch(/keepalived 2\.2\.7 then checks the connection of the checker queued before it, the MISC_CHECK of line \d+, which has none, and crashes/);
    expect(findings(afterBfd, 'KA504')[0]!.message).toContain('the BFD_CHECK of line');
    expect(findings(afterDroppedMisc, 'KA504')[0]!.message).toContain('the checkers before it are dropped too, so none is queued, and keepalived 2.2.7 then crashes');
    // The MISC_CHECK without misc_path is dropped: the TCP_CHECK before it is the one read, and keepalived reads on.
    expect(findings(afterTcpAndDroppedMisc, 'KA504')[0]!.message).not.toContain('crash');
    expect(findings(afterMisc, 'KA504', '2.2.8')[0]!.message).not.toContain('crash');
  });
  // Found with the include fuzzer (2.2.7): a FILE_CHECK without track_file is dropped too, and a kept FILE_CHECK has no
  // connection either.
  const fileCheck = ['  FILE_CHECK {', '    track_file tf', '  }'];
  const fileCheckNoTrack = ['  FILE_CHECK {', '  }'];
  const afterFile = 'track_file tf {\n    file /run/x\n}\n' + after(...fileCheck);
  const afterDroppedFile = after(...fileCheckNoTrack);
  const afterTcpAndDroppedFile = after(...tcp, ...fileCheckNoTrack);
  it('counts a FILE_CHECK as a checker without connection, and one without track_file as dropped', () => {
    expect(findings(afterFile, 'KA504')[0]!.message).toContain('the FILE_CHECK of line');
    expect(findings(afterDroppedFile, 'KA504')[0]!.message).toContain('the checkers before it are dropped too, so none is queued');
    expect(findings(afterTcpAndDroppedFile, 'KA504')[0]!.message).not.toContain('crash');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t after MISC_CHECK, BFD_CHECK, FILE_CHECK and dropped checkers', async () => {
    for (const text of [afterMisc, afterBfd, afterDroppedMisc, afterFile, afterDroppedFile]) expect((await runKeepalivedAsync(text)).signal, text).toBe('SIGSEGV');
    for (const text of [afterTcpAndDroppedMisc, afterTcpAndDroppedFile]) {
      const reads = await runKeepalivedAsync(text);
      expect([reads.signal, reads.exitStatus], text).toEqual([undefined, 5]);
    }
  });
  // Found with the include fuzzer (seed 102, 2.2.7): a checker connecting to a link-local address without bind_if is
  // dropped at its '}' too ("Checker link local address … requires a bind_if").
  const tcpLinkLocal = ['  TCP_CHECK {', '    connect_ip fe80::1', '  }'];
  const tcpLinkLocalBound = ['  TCP_CHECK {', '    connect_ip fe80::1', '    bind_if eth0', '  }'];
  const afterLinkLocal = after(...tcpLinkLocal);
  const afterLinkLocalBound = after(...tcpLinkLocalBound);
  it('counts a checker connecting to a link-local address without bind_if as dropped', () => {
    expect(findings(afterLinkLocal, 'KA504')[0]!.message).toContain('the checkers before it are dropped too, so none is queued');
    expect(findings(afterLinkLocalBound, 'KA504')[0]!.message).not.toContain('crash');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t after a link-local checker', async () => {
    expect((await runKeepalivedAsync(afterLinkLocal)).signal).toBe('SIGSEGV');
    expect((await runKeepalivedAsync(afterLinkLocalBound)).signal).toBeUndefined();
  });
});

describe('KA537 smtp-check-host-hangs', () => {
  const smtp = (...inner: string[]) =>
    conf('virtual_server 192.0.2.1 25 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    real_server 192.0.2.2 25 {', '        SMTP_CHECK {', ...inner, '        }', '    }', '}');
  const host = (ip: string) => ['            host {', `                connect_ip ${ip}`, '                connect_port 25', '            }'];
  it('reports the first host block for 2.3.0 to 2.3.3 only', () => {
    // Builds of the 2.3.1 tag never return from keepalived -t on either config (killed after 8 s);
    // 2.2.7, 2.2.8 and 2.4.3 exit 0. Without a host block 2.3.1 reads it too.
    const one = smtp(...host('192.0.2.3'));
    const two = smtp('            connect_timeout 5', ...host('192.0.2.3'), ...host('192.0.2.4'));
    for (const v of ['2.3.0', '2.3.1', '2.3.3']) {
      expect(linesOf(one, 'KA537', v)).toEqual([7]);
      expect(linesOf(two, 'KA537', v)).toEqual([8]);
      expect(findings(two, 'KA537', v)[0]!.related).toHaveLength(1);
    }
    for (const v of ['2.2.7', '2.2.8', '2.3.4', '2.4.3']) expect(linesOf(two, 'KA537', v)).toEqual([]);
    expect(linesOf(smtp('            connect_timeout 5'), 'KA537', '2.3.1')).toEqual([]);
  });
  // The release audit (session 59): the 2.3.3 build returns at once (exit 0) on one empty host block, and hangs as
  // soon as a connection line is in it or beside it, or a second host block follows.
  it('leaves one host block without connection lines alone for 2.3.x', () => {
    const empty = ['            host {', '            }'];
    expect(linesOf(smtp(...empty), 'KA537', '2.3.3')).toEqual([]);
    expect(linesOf(smtp('            helo_name x', ...empty), 'KA537', '2.3.3')).toEqual([]);
    expect(linesOf(smtp('            connect_timeout 5', ...empty), 'KA537', '2.3.3')).toEqual([8]);
    expect(linesOf(smtp(...empty, ...empty), 'KA537', '2.3.3')).toEqual([7]);
    expect(linesOf(smtp('            host {', '                bind_port 2000', '            }'), 'KA537', '2.3.3')).toEqual([7]);
    expect(linesOf(smtp(...empty), 'KA537', '2.1.3')).toEqual([7]);
    // A connection line whose value keepalived refuses sets nothing: 2.3.3 says "Invalid checker connect_port 'abc'" and returns.
    expect(linesOf(smtp('            connect_port abc', ...empty), 'KA537', '2.3.3')).toEqual([]);
    expect(linesOf(smtp('            host {', '                connect_port abc', '            }'), 'KA537', '2.3.3')).toEqual([]);
  });
  it('reports it for 2.1.0 to 2.1.3 too', () => {
    // The 2.1.0 and 2.1.3 builds never return from keepalived -t on a config with one host block
    // (killed after 3 s, also with only connect_port in it); 2.0.19, 2.1.4 and 2.1.5 exit 0 (ca49b6cd).
    const one = smtp(...host('192.0.2.3'));
    for (const v of ['2.1.0', '2.1.3']) {
      expect(linesOf(one, 'KA537', v), v).toEqual([7]);
      expect(findings(one, 'KA537', v)[0]!.message, v).toContain('(fixed in 2.1.4)');
    }
    for (const v of ['2.0.19', '2.1.4', '2.1.5']) expect(linesOf(one, 'KA537', v), v).toEqual([]);
  });
  it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 reads the host block', () => {
    expect(runKeepalived(smtp(...host('192.0.2.3'))).exitStatus).toBe(0);
  });
});

describe('KA530: bindto/bind_if that checkers ignore up to 2.4.3', () => {
  // keepalived 2.2.7 to 2.4.3 accept them silently (exit 0); check_ping.c never binds its ICMP socket and
  // layer4.c's udp_bind_connect never sets SO_BINDTODEVICE (added after 2.4.3: e5978068, 5149ad54).
  const text = conf(
    'virtual_server 192.0.2.1 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    real_server 192.0.2.2 80 {',
    '        PING_CHECK {', '            bindto 192.0.2.9', '            bind_if eth0', '        }',
    '        UDP_CHECK {', '            bind_if eth0', '            bindto 192.0.2.9', '        }',
    '        TCP_CHECK {', '            bind_if eth0', '            bindto 192.0.2.9', '        }', '    }', '}',
  );
  it('reports them as warnings on the lines keepalived ignores', () => {
    expect(findings(text, 'KA530').map((d) => `${d.range.start.line + 1}:${d.severity}`)).toEqual(['7:warning', '8:warning', '11:warning']);
    expect(findings(text, 'KA530', '2.4.3')).toHaveLength(3);
  });
  it.skipIf(!keepalivedAvailable())('keepalived 2.2.7 accepts them without a word', () => {
    expect(runKeepalived(text).exitStatus).toBe(0);
  });
  it('finds a lone bind_port too, and the link-local real server of a checker without connection lines', () => {
    // The model notes the checkers' connection lines; the rule skips the walk only for checkers without any.
    const lone = conf(
      'virtual_server 2001:db8::1 80 {', '    lb_algo rr', '    lb_kind DR', '    protocol TCP', '    real_server fe80::10 80 {',
      '        PING_CHECK {', '            bind_port 5000', '        }', '        TCP_CHECK {', '        }', '    }', '}',
    );
    expect(findings(lone, 'KA530').map((d) => `${d.range.start.line + 1}:${d.severity}`)).toEqual(['7:warning', '8:error', '10:error']);
  });
});

describe('KA502 before 2.0.20', () => {
  it('says both real servers are kept, not that the second is removed', () => {
    const text = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '}', 'real_server 10.0.1.1 80 {', '}']);
    // The 2.0.19 build reads it with exit 0 and no message; 2.1.5 and 2.2.7 print "VS [10.0.0.1]:tcp:80: real server
    // [10.0.1.1]:tcp:80 is duplicated - removing second rs" (ff864fbb, 2.0.20).
    expect(findings(text, 'KA502', '2.0.19').map((d) => d.message)).toEqual([expect.stringContaining('keepalived before 2.0.20 does not notice (keepalived 2.0.19 -t does not report it): it keeps both')]);
    expect(findings(text, 'KA502', '2.0.20').map((d) => d.message)).toEqual([expect.stringContaining('keepalived removes the second one')]);
  });
});

// lsp62: keepalived looks for repeated real servers (address and port as written) before it resets, clears or fills
// in their ports (2.2.7 check_data.c: the duplicate check, then the port loop), so two servers that only then share
// an address and port are both kept: the 2.0.19 to 2.4.3 checker processes (in a network namespace without IPVS)
// each log "Shutting down service [10.0.3.94]:tcp:80" twice, where a repeat written as such is "duplicated - removing
// second rs". KA510's "Use port 80" made that written repeat: keepalived then dropped the second block and its checks.
describe('real servers that keepalived\'s port changes make one', () => {
  const twoServers = (header: string, method: string, first: string, second: string) =>
    vs(header, method === 'fwmark' ? ['lb_algo rr', 'lb_kind DR'] : ['protocol TCP', 'lb_algo rr', `lb_kind ${method}`], [`real_server ${first} {`, '  weight 1', '}', `real_server ${second} {`, '  weight 2', '}']);
  const reset = twoServers('10.0.3.100 80', 'DR', '10.0.3.94 8000', '10.0.3.94 80');
  const cleared = twoServers('fwmark 1', 'fwmark', '10.0.3.94 80', '10.0.3.94 81');
  const filled = twoServers('10.0.3.100 80', 'NAT', '10.0.3.94', '10.0.3.94 80');

  it('KA510 says a reset port makes the server the same as another, and offers no port that makes a repeat', () => {
    const [d] = findings(reset, 'KA510');
    expect(d!.message).toContain("keepalived resets it to 80 (keepalived: \"ports don't match - resetting\"); that makes it the same real server as 'real_server 10.0.3.94 80' (line 8), and keepalived, which looks for repeated real servers before it resets ports, keeps both blocks, each with its own weight and health checks, for one address and port: merge them into one block (written with port 80, this one is a repeat keepalived does notice, and it removes the later block with its health checks, KA502)");
    expect(d!.fix).toBeUndefined();
    expect(d!.related?.map((r) => r.range.start.line + 1)).toEqual([5, 8]);
    // What the old suggestion made: a repeat keepalived removes.
    expect(findings(reset.replace('10.0.3.94 8000', '10.0.3.94 80'), 'KA502').map((x) => x.message)).toEqual([expect.stringContaining('keepalived removes the second one')]);
    // Before 2.0.20 keepalived notices no repeat at all: both kept either way.
    expect(findings(reset, 'KA510', '2.0.19')[0]!.message).not.toContain('KA502');
    // Another address: the suggestion stays.
    expect(findings(reset.replace('10.0.3.94 80 {', '10.0.3.95 80 {'), 'KA510')[0]!.fix?.description).toBe('Use port 80');
  });

  it('KA510 says so for firewall-mark ports keepalived clears', () => {
    const found = findings(cleared, 'KA510');
    expect(found.map((d) => d.fix)).toEqual([undefined, undefined]);
    expect(found[0]!.message).toContain("that makes it the same real server as 'real_server 10.0.3.94 81' (line 7), and keepalived, which looks for repeated real servers before it clears ports, keeps both blocks");
    expect(found[1]!.message).toContain("the same real server as 'real_server 10.0.3.94 80' (line 4)");
    // One server without a port: the other's cleared port makes the two one.
    const [d] = findings(cleared.replace('10.0.3.94 80 {', '10.0.3.94 {'), 'KA510');
    expect(d!.message).toContain("the same real server as 'real_server 10.0.3.94' (line 4)");
    expect(d!.fix).toBeUndefined();
  });

  it('KA502 reports a server without a port that keepalived gives the port of another', () => {
    for (const text of [filled, filled.replace('lb_kind NAT', 'lb_kind DR'), filled.replace('real_server 10.0.3.94 {', 'real_server 10.0.3.94 0 {')]) {
      const found = findings(text, 'KA502');
      expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/^real_server 10\.0\.3\.94( 0)? \(line 5\) has (no port|port 0), so keepalived gives it the virtual server's port, 80: it is then the same real server as real_server 10\.0\.3\.94 80 \(line 8\) in 'virtual_server 10\.0\.3\.100 80', and keepalived, which looks for repeated real servers before it fills in ports, keeps both blocks, each with its own weight and health checks, for one address and port \(keepalived -t does not report it\); merge them into one block$/)]);
      expect(found[0]!.fix).toBeUndefined();
      expect(findings(text, 'KA510')).toEqual([]);
    }
    // A NAT server keeps its own port; another port, or a firewall-mark service's NAT server, is another server.
    expect(findings(filled.replace('real_server 10.0.3.94 {', 'real_server 10.0.3.94 8080 {'), 'KA502')).toEqual([]);
    expect(findings(twoServers('fwmark 1', 'fwmark', '10.0.3.94', '10.0.3.94 80').replace('lb_kind DR', 'lb_kind NAT'), 'KA502')).toEqual([]);
    // Before 2.0.15 keepalived sets no port.
    expect(findings(filled, 'KA502', '2.0.14')).toEqual([]);
    // Many servers (looked up by key).
    const others = (net: number) => Array.from({ length: 5 }, (_, i) => [`real_server 10.0.${net}.${i} 80 {`, '}']).flat();
    const many = vs('10.0.3.100 80', BASICS, [...others(4), 'real_server 10.0.3.94 {', '}', ...others(5), 'real_server 10.0.3.94 80 {', '}']);
    expect(findings(many, 'KA502').map((d) => d.message)).toEqual([expect.stringContaining('real_server 10.0.3.94 (line 15) has no port, so keepalived gives it the virtual server\'s port, 80: it is then the same real server as real_server 10.0.3.94 80 (line 27)')]);
  });

  it.skipIf(!keepalivedAvailable())('as keepalived -t says: only the reset, no repeat', () => {
    const said = (text: string) => runKeepalived(text).messages.map((m) => m.message);
    expect(said(reset)).toEqual(["WARNING - virtual server [10.0.3.100]:tcp:80 and real server [10.0.3.94]:tcp:8000 ports don't match - resetting"]);
    expect(said(cleared).filter((m) => /duplicated/.test(m))).toEqual([]);
    expect(said(filled)).toEqual([]);
    expect(said(reset.replace('10.0.3.94 8000', '10.0.3.94 80'))).toEqual(['VS [10.0.3.100]:tcp:80: real server [10.0.3.94]:tcp:80 is duplicated - removing second rs']);
  });
});

describe('KA524 for releases before 2.1.4 and 2.0.20', () => {
  const dns = (name: string) => vs('10.0.0.1 53', ['protocol UDP', 'lb_algo rr', 'lb_kind DR'], ['real_server 10.0.1.1 53 {', '  DNS_CHECK {', '    type A', `    name ${name}`, '  }', '}']);
  it('an empty label is sent, not refused, before 2.1.4', () => {
    // The 2.0.19 and 2.1.3 builds read `name a..example.com` with no message; 2.1.4 and 2.2.7 print "DNS_CHECK name
    // 'a..example.com' has empty label - ignoring" (0b115c7d).
    expect(findings(dns('a..example.com'), 'KA524', '2.1.3').map((d) => d.message)).toEqual([expect.stringContaining('keepalived before 2.1.4 sends it anyway')]);
    expect(findings(dns('a..example.com'), 'KA524', '2.1.4').map((d) => d.message)).toEqual([expect.stringContaining('keepalived ignores it')]);
  });
  it('a name ending with a dot is a malformed query before 2.0.20', () => {
    // No build prints anything for `name example.jp.`; 2.0.19's query writer leaves out the final zero label when the
    // name ends with '.' (check_dns.c, fixed by c90240da in 2.0.20, issue 1462).
    expect(findings(dns('example.jp.'), 'KA524', '2.0.19').map((d) => d.message)).toEqual([expect.stringContaining("without the final empty label")]);
    const [found] = findings(dns('example.jp.'), 'KA524', '2.0.19');
    expect(applyFix(dns('example.jp.'), found!.fix!)).toContain('name example.jp\n');
    expect(findings(dns('example.jp.'), 'KA524', '2.0.20')).toEqual([]);
    expect(findings(dns('.'), 'KA524', '2.0.19')).toEqual([]);
  });
  it('a one-character first label is refused from 2.1.4 (keepalived reads it as empty)', () => {
    // The 2.1.4, 2.2.7 and 2.4.3 builds: "DNS_CHECK name 'a.example.com' has empty label - ignoring" (line 8);
    // 2.0.19 reads it silently. "ab.example.com", "a" and "." pass everywhere.
    expect(linesOf(dns('a.example.com'), 'KA524')).toEqual([8]);
    expect(findings(dns('a.example.com'), 'KA524')[0]!.message).toContain('one-character first label');
    expect(findings(dns('a.example.com'), 'KA524', '2.1.3')).toEqual([]);
    for (const ok of ['ab.example.com', 'a', '.']) expect(findings(dns(ok), 'KA524'), ok).toEqual([]);
  });
  it('a refused name leaves the name unset: the next name line is read, not a duplicate (2.1.4 on)', () => {
    // keepalived 2.2.7 on names a.example.com, www..example.com, www.example.com, other.example.com (lines 8-11):
    // "(Line 8) DNS_CHECK name 'a.example.com' has empty label - ignoring", "(Line 9) DNS_CHECK name
    // 'www..example.com' has empty label - ignoring", "(Line 11) DNS_CHECK name already specified - ignoring".
    const text = dns('a.example.com\n    name www..example.com\n    name www.example.com\n    name other.example.com');
    expect(findings(text, 'KA524').map((d) => `${d.range.start.line + 1}: ${d.message.slice(d.message.lastIndexOf('; ') + 2)}`)).toEqual([
      "8: keepalived reads the next 'name' line (line 9) instead",
      "9: keepalived reads the next 'name' line (line 10) instead",
    ]);
    expect(linesOf(text, 'KA209')).toEqual([11]);
    // Alone, the refused name leaves the default.
    expect(findings(dns('www..example.com'), 'KA524')[0]!.message).toContain('keepalived queries its default name (the root) instead');
    // Before 2.1.4 (094ddde2) keepalived neither checks the name nor notices a repeat: each later line silently
    // replaces it (the 2.0.10 and 2.0.19 builds say nothing of a second name).
    expect(linesOf(text, 'KA209', '2.1.3')).toEqual([]);
    expect(linesOf(text, 'KA211', '2.1.3')).toEqual([9, 10, 11]);
    expect(linesOf(text, 'KA524', '2.1.3')).toEqual([]);
  });
});

describe('KA528 before 2.0.18', () => {
  it('is silent where keepalived reads no tunnel options', () => {
    // A gist's "lvs_method NAT →Masp": the 2.0.19 build says "(Line 4) Invalid tunnel option →Masp for
    // virtual server."; 2.0.7, 2.0.9, 2.0.14 and 2.0.16 say nothing (tunnel options came with 19cc2570, 2.0.18).
    const text = conf('virtual_server 10.0.0.1 80 {', '    protocol TCP', '    lb_algo rr', '    lvs_method NAT →Masp', '    real_server 10.0.1.1 80 {', '    }', '}');
    for (const v of ['2.0.18', '2.0.19', '2.2.7']) expect(linesOf(text, 'KA528', v), v).toEqual([4]);
    for (const v of ['1.3.5', '2.0.7', '2.0.16']) expect(linesOf(text, 'KA528', v), v).toEqual([]);
  });
});

// check_http.c keeps the last regex read in a file-wide variable that only a url with a path takes (2.0.7 to 2.4.3). The 2.2.8
// build on this config: "url has no path - ignoring" (line 7), then "Duplicate regex specified - replacing one with two" at line
// 14 only, which shows that the url at line 8 took "first"; 2.2.7 reports only the url without a path.
describe('KA505: the regex of a url without a path', () => {
  const text = conf(
    'virtual_server 10.0.0.1 443 {', '  protocol TCP', '  real_server 10.0.0.2 443 {', '    SSL_GET {',
    '      url {', '        regex "first"', '      }',
    '      url {', '        path /b', '      }',
    '      url {', '        path /c', '        regex "one"', '        regex "two"', '      }',
    '    }', '  }', '}',
  );
  it('goes to the next url read, which then only passes on that pattern', () => {
    const found = findings(text, 'KA505');
    expect(found.map((f) => f.range.start.line + 1)).toEqual([7, 8]);
    expect(found[0]!.message).toContain('but not its regex, which it gives to the next url it reads');
    expect(found[1]!.message).toContain("keepalived gives it the regex 'first' of the url ignored at line 5");
    // A url with a regex of its own replaces the pending one: 2.2.8 reports it there, 2.2.7 does so silently.
    const own = text.replace('        path /b\n', '        path /b\n        regex "mine"\n');
    expect(linesOf(own, 'KA505', '2.2.7')).toEqual([7]);
    expect(findings(own, 'KA505', '2.2.8').map((f) => f.message)).toContainEqual(expect.stringContaining('keepalived 2.2.8 reports "Duplicate regex specified - replacing first with mine" here'));
  });
  it("says from 2.2.8 that keepalived reports a url's second regex", () => {
    expect(findings(text, 'KA211', '2.2.8')[0]!.message).toContain('keepalived 2.2.8 reports it ("Duplicate regex specified - replacing one with two")');
    expect(findings(text, 'KA211', '2.2.7')[0]!.message).toContain('keepalived silently uses this later value');
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived -t', () => {
    const said = runKeepalived(text).messages.map((m) => `${m.line}: ${m.message}`);
    expect(said).toContainEqual(expect.stringMatching(/^7: HTTP\/SSL_GET checker url has no path - ignoring/));
    expect(said.filter((m) => m.includes('regex'))).toEqual([]);
  });
});

describe('KA540: several dynamic MISC_CHECKs for one real server before 2.2.0', () => {
  const misc = (path: string) => ['  MISC_CHECK {', `    misc_path ${path}`, '    misc_dynamic', '  }'];
  const two = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', ...misc('/bin/true'), ...misc('/bin/false'), '}', 'real_server 10.0.1.2 80 {', ...misc('/bin/true'), '}']);
  const one = vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', ...misc('/bin/true'), '}', 'real_server 10.0.1.2 80 {', ...misc('/bin/true'), '}']);
  it('reports the second misc_dynamic of a real server at 2.0.10 to 2.1.x, with the first as related', () => {
    for (const target of ['1.3.7', '2.0.10', '2.0.19', '2.1.5']) {
      const found = findings(two, 'KA540', target);
      expect(found.map((d) => d.range.start.line + 1), target).toEqual([12]);
      expect(found[0]!.related?.[0]?.range.start.line).toBe(7);
      expect(found[0]!.message).toMatch(/more than one dynamic misc checker per real server/);
    }
  });
  it('says nothing of one per real server, before 1.3.7, or from 2.2.0 (their weights add up)', () => {
    expect(findings(one, 'KA540', '2.1.5')).toEqual([]);
    expect(findings(two, 'KA540', '1.3.5')).toEqual([]);
    expect(findings(two, 'KA540', '2.2.0')).toEqual([]);
    expect(findings(two, 'KA540')).toEqual([]);
  });
  for (const release of ['2.0.10', '2.1.5', '2.2.7']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      const run = runRelease(binary!, two);
      const said = run.messages.filter((m) => /more than one dynamic misc checker/.test(m.message)).map((m) => m.line);
      expect(said, run.stderr).toEqual(linesOf(two, 'KA540', release));
    });
  }
});

// Found by scripts/fuzz-generate.ts: keepalived gives a real or sorry server the virtual server's valid method when
// the server's line is read (alloc_rs / alloc_ssvr copy it, from 1.3.6); an lb_kind written later, or an invalid
// one, does not change it. Before, kalint took the block's last method word for every server.
describe('KA527/KA510: a server keeps the method the virtual server had at its line', () => {
  const sorryThen = (method: string) => conf('virtual_server fwmark 1 {', '  real_server 192.0.2.3 0 {', '  }', '  sorry_server fe80::1 138', `  lb_kind ${method}`, '}');
  const tunThenSorry = conf('virtual_server fwmark 1 {', '  lb_kind TUN', '  real_server 192.0.2.3 0 {', '  }', '  sorry_server fe80::1 0', '}');
  const invalidAfterTun = vs('192.0.2.9 81', ['protocol TCP', 'lb_algo rr', 'lb_kind TUN', 'lb_kind XYZ'], ['real_server 2001:db8::3 81 {', '}', 'real_server 192.0.2.4 81 {', '}']);
  const drThenNat = vs('192.0.2.9 80', ['protocol TCP', 'lb_algo rr', 'lb_kind DR'], ['real_server 192.0.2.3 8080 {', '}', 'lb_kind NAT']);
  it('checks the family of a sorry server read before the tunnelling lb_kind, and not one read after it', () => {
    expect(linesOf(sorryThen('TUN'), 'KA527')).toEqual([6]);
    expect(linesOf(sorryThen('DR'), 'KA527')).toEqual([6]);
    expect(linesOf(tunThenSorry, 'KA527')).toEqual([]);
    // The dropped sorry server's port is nobody's business any more.
    expect(linesOf(sorryThen('TUN'), 'KA510')).toEqual([]);
  });
  it('an invalid lb_kind keeps the tunnelling one: the IPv6 real server is not skipped', () => {
    expect(linesOf(invalidAfterTun, 'KA527')).toEqual([]);
    expect(linesOf(invalidAfterTun, 'KA503')).toEqual([]);
    const repeat = findings(invalidAfterTun, 'KA211')[0]!;
    expect(repeat.message).toMatch(/reports this later value \(XYZ\) as invalid and does not use it/);
  });
  it('a real server read after lb_kind DR keeps DR when lb_kind NAT follows: its port is reset', () => {
    const [found] = findings(drThenNat, 'KA510');
    expect(found?.message).toMatch(/uses port 8080, but DR \(the virtual server's lb_kind when the server's line was read/);
    expect(findings(drThenNat, 'KA211')[0]!.message).toMatch(/the server on line 5 keeps DR/);
  });
  // The 1.3.9 build's checker dump of such a block: "default forwarding method = NAT", the first server "forwarding
  // method = DR", the second "NAT"; the 1.3.5 build's: "lb_kind = NAT" for the block and nothing per server (1.3.6
  // gave each server a method of its own).
  it('a server keeps its method from 1.3.6, not only from 1.4.0', () => {
    for (const v of ['1.3.6', '1.3.9']) expect(findings(drThenNat, 'KA211', v)[0]!.message, v).toMatch(/the server on line 5 keeps DR/);
    expect(findings(drThenNat, 'KA211', '1.3.5')[0]!.message).not.toMatch(/keeps DR/);
  });
  it.skipIf(!keepalivedAvailable())('agrees with keepalived 2.2.7 -t', () => {
    const family = (text: string) => runKeepalived(text).messages.filter((m) => /Address family/.test(m.message)).map((m) => m.line);
    expect(family(sorryThen('TUN'))).toEqual([6]);
    expect(family(sorryThen('DR'))).toEqual([6]);
    expect(family(tunThenSorry)).toEqual([]);
    expect(family(invalidAfterTun)).toEqual([]);
    expect(runKeepalived(invalidAfterTun).messages.map((m) => m.message)).not.toContainEqual(expect.stringContaining('has no real servers'));
    expect(runKeepalived(drThenNat).messages.map((m) => m.message)).toContainEqual(expect.stringContaining("real server [192.0.2.3]:tcp:8080 ports don't match - resetting"));
  });
});

// Found by scripts/fuzz-generate.ts against the 2.0.19 build: before 2.1.4 (22b81182) 'hashed' was a flag of its own.
describe('KA511: hashed before 2.1.4', () => {
  const text = vs('192.0.2.1 80', ['protocol TCP', 'lb_algo rr', 'lb_kind NAT', 'hashed']);
  it('is a flag of its own before 2.1.4, ignored with another scheduler from it', () => {
    expect(linesOf(text, 'KA511', '2.0.19')).toEqual([]);
    expect(linesOf(text, 'KA511', '2.1.3')).toEqual([]);
    expect(linesOf(text, 'KA511', '2.1.4')).toEqual([5]);
    expect(linesOf(text, 'KA511')).toEqual([5]);
  });
  for (const release of ['2.0.19', '2.1.5']) {
    const binary = releaseBinary(release);
    it.skipIf(!binary)(`agrees with keepalived ${release} -t`, () => {
      expect(runRelease(binary!, text).messages.filter((m) => /hashed only applies/.test(m.message)).map((m) => m.line)).toEqual(linesOf(text, 'KA511', release));
    });
  }
});

describe('KA541: what keepalived hands PCRE2, checked against PCRE2 itself', () => {
  // pcre2test (Debian pcre2-utils, which .ci/run installs) compiles each pattern as keepalived's prepare_regex does.
  const pcre2test = spawnSync('pcre2test', ['-version'], { encoding: 'utf8' });
  const patterns = ['a(b', 'a)b', '[a-', '*a', 'a**', '^*', 'a{2}{3}', '(?:*a)', 'x{99999}', 'a{3,2}', '[z-a]', '(?#note', '[[:foo:]]', 'a|*b',
    'ok.*', '(ok|up)', 'BUILD: rpm-.{3,50} :: DATE: ../../.... .{12}', '[]a]', '[^]a]', '(?<n>x)\\k<n>', '(?i)abc', '(?:a|b)+', '\\Qa(b\\E', '[\\]]', 'a{,3}', '\\d+\\.', '(?=a)b', '(*UTF)a'];
  it.skipIf(pcre2test.error !== undefined)('reports a pattern as invalid only where PCRE2 fails to compile it, and finds the common mistakes', () => {
    const delimiters = ['/', '!', '%', '&', ',', ';', '=', '@', '`', '~'];
    const input = patterns.map((p) => { const d = delimiters.find((x) => !p.includes(x))!; return `${d}${p}${d}\n\n`; }).join('');
    const out = spawnSync('pcre2test', [], { input, encoding: 'utf8' }).stdout;
    const verdicts = out.split(/\n(?=[\/!%&,;=@`~])/).slice(1).map((block) => /Failed: error/.test(block));
    expect(verdicts.length).toBe(patterns.length);
    for (let k = 0; k < patterns.length; k++) {
      const ours = pcreSyntaxError(patterns[k]!, false);
      if (ours) expect(verdicts[k], `${patterns[k]}: ${ours}`).toBe(true);
    }
    // Every invalid pattern of the list is one kalint knows.
    expect(patterns.filter((p, k) => verdicts[k] && !pcreSyntaxError(p, false))).toEqual([]);
  });
  it("reads escapes as keepalived's quoted-and-escaped splitter does", () => {
    expect(quotedEscapedWords('"a\\d b"')?.words).toEqual(['ad b']);
    expect(quotedEscapedWords("'x\\1'")?.words).toEqual(['x\x01']);
    expect(quotedEscapedWords('a\\ b \\x41\\tc')?.words).toEqual(['a b', 'A\tc']);
    expect(quotedEscapedWords('"open')).toBeUndefined();
  });
});

// Session 60's missed-mistakes audit: `lbkind DR` drew KA509's "Add 'lb_kind NAT'" beside KA201's rename, and applying
// both left a duplicate, with NAT where the user wrote DR.
describe('a setting found missing that is there, misspelt', () => {
  it('is named, and no line is offered to add', () => {
    const text = vs('10.0.0.1 80', ['lbkind DR', 'lb_algorithm wlc', 'protocol TCP']);
    for (const [code, word] of [['KA509', 'lbkind'], ['KA508', 'lb_algorithm']] as const) {
      const [d] = findings(text, code);
      expect(d!.message).toContain(`(probably the misspelt '${word}' on line`);
      expect(d!.fix).toBeUndefined();
    }
    expect(findings(vs('10.0.0.1 80', ['protocol TCP']), 'KA509')[0]!.fix).toBeDefined();
  });
});

describe('KA543 checker-tls-port', () => {
  it('says which port, whose, and the checker to use; SSL_GET on port 80 too', () => {
    const [d] = findings(vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  SSL_GET {', '    url {', '      path /', '    }', '  }', '}']), 'KA543');
    expect(d!.message).toBe('SSL_GET checks port 80 (real server 10.0.1.1), a plain HTTP port: it starts a TLS handshake, which a plain HTTP server does not complete, so the check fails on a healthy server and keepalived takes it out of the pool; use HTTP_GET');
    const [c] = findings(vs('10.0.0.1 80', BASICS, ['real_server 10.0.1.1 80 {', '  HTTP_GET {', '    connect_port 443', '    url {', '      path /', '    }', '  }', '}']), 'KA543');
    expect(c!.message).toContain('HTTP_GET checks port 443 (its connect_port), a TLS port');
  });
});

// Session 61 variants audit: messages that hold for the target release only.
describe('version-aware LVS messages', () => {
  it('KA531: before 2.0.20 keepalived neither reconciles the sorry server nor reports it', () => {
    const text = vs('10.0.0.5 80', [...BASICS, 'sorry_server 10.0.0.9 80', 'sorry_server_inhibit'], ['real_server 10.0.0.9 80 {', '}']);
    for (const v of ['1.3.5', '2.0.19']) {
      const [d] = findings(text, 'KA531', v);
      expect(d!.message, v).toContain(`keepalived ${v} keeps both settings as written and says nothing`);
      expect(d!.message, v).not.toContain('matches sorry server');
    }
    for (const v of ['2.0.20', '2.1.5', undefined]) expect(findings(text, 'KA531', v)[0]!.message, v).toContain('keepalived clears sorry_server_inhibit (keepalived: "matches sorry server');
  });

  // The 1.3.5 build's checker process: each kept ("Activating healthchecker"), no message; the checks came with 1.3.7.
  const checker = (lines: string[]) => vs('10.0.0.5 80', BASICS, ['real_server 10.0.0.9 80 {', ...lines.map((l) => '  ' + l), '}']);
  it('KA504: 1.3.5 keeps an HTTP_GET without url blocks and counts each round a success', () => {
    const text = checker(['HTTP_GET {', '  connect_timeout 3', '}']);
    const [d] = findings(text, 'KA504', '1.3.5');
    expect(d!.message).toContain('keepalived 1.3.5 keeps it, but with nothing to request it counts every round as a success');
    expect(d!.message).not.toContain('is dropped');
    expect(findings(text, 'KA504', '1.3.7')[0]!.message).toContain('HTTP_GET checker is dropped');
    // A url without a path is kept there: KA505 alone speaks of it.
    const pathless = checker(['HTTP_GET {', '  url {', '    status_code 200', '  }', '}']);
    expect(findings(pathless, 'KA504', '1.3.5')).toEqual([]);
    expect(findings(pathless, 'KA505', '1.3.5')[0]!.message).toContain("keeps it and requests it without a path (its request line reads 'GET (null) HTTP/1.0')");
    expect(findings(pathless, 'KA505', '1.3.7')[0]!.message).toContain('keepalived ignores it');
    expect(findings(pathless, 'KA504', '1.3.7')).toHaveLength(1);
  });
  it('KA520/KA521/KA506 at 1.3.5: no zero-port persistence, and none of the three messages (1.3.6, 1.3.6, 1.3.7)', () => {
    const zero = vs('10.0.0.6 0', [...BASICS, 'ops'], ['real_server 10.0.0.9 0 {', '}']);
    const [z] = findings(zero, 'KA520', '1.3.5');
    expect(z!.severity).toBe('error');
    expect(z!.message).toContain('keepalived 1.3.5 hands it to IPVS as written without a word');
    expect(z!.message).not.toContain('keepalived: "zero port');
    expect(findings(zero, 'KA520', '1.3.6')[0]!.message).toContain('keepalived sets persistence to 360 s');
    // The message's own spelling until 2.0.7, where it became a configuration error (lib: "persistent sevices").
    expect(findings(zero, 'KA520', '2.0.6')[0]!.message).toContain('"zero port only valid for persistent sevices - setting"');
    expect(findings(zero, 'KA520', '2.2.7')[0]!.message).toContain('"zero port only valid for persistent services - setting"');
    const [o] = findings(zero, 'KA521', '1.3.5');
    expect(o!.message).toContain('keepalived 1.3.5 leaves it out of the IPVS service without a word');
    expect(o!.message).not.toContain('resetting');
    expect(findings(zero, 'KA521', '1.3.6')[0]!.message).toContain('"one packet scheduling requires UDP - resetting"');
    const mark = vs('fwmark 3', BASICS);
    expect(findings(mark, 'KA506', '1.3.5')[0]!.message).toContain('keepalived 1.3.5 passes it to IPVS without a word');
    expect(findings(mark, 'KA506', '1.3.6')[0]!.message).not.toContain('protocol will be ignored');
    expect(findings(mark, 'KA506', '1.3.7')[0]!.message).toContain('"protocol specified for fwmark - protocol will be ignored"');
  });
  it("KA507 suggests 'protocol UDP' for a service that says UDP itself (ops, UDP_CHECK, DNS_CHECK)", () => {
    const add = (text: string) => findings(text, 'KA507')[0]!.fix?.description;
    expect(add(vs('10.0.0.6 514', ['lb_algo rr', 'lb_kind NAT', 'ops'], ['real_server 10.0.0.9 514 {', '}']))).toBe("Add 'protocol UDP'");
    expect(add(vs('10.0.0.6 514', ['lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.0.9 514 {', '  UDP_CHECK {', '  }', '}']))).toBe("Add 'protocol UDP'");
    expect(add(vs('10.0.0.5 53', ['lb_algo rr', 'lb_kind NAT'], ['real_server 10.0.0.9 53 {', '  DNS_CHECK {', '    name example.com', '  }', '}']))).toBe("Add 'protocol UDP'");
    expect(add(vs('10.0.0.5 80', ['lb_algo rr', 'lb_kind NAT']))).toBe("Add 'protocol TCP'");
  });
  it('KA529/KA205: from 2.0.6 a digest pair strtoul reads whole is taken (a blank or sign before one digit)', () => {
    const url = (digest: string) => checker(['HTTP_GET {', '  url {', '    path /', `    digest ${digest}`, '  }', '}']);
    // keepalived 2.2.7 -t is silent on each of these (session 61); 'zz…' and '0x…' it refuses.
    for (const [digest, read] of [['"+123456789abcdef0123456789abcdef"', '0123456789abcdef0123456789abcdef'], ['" 0123456789abcdef0123456789abcde"', '00123456789abcdef0123456789abcde'], ['-f23456789abcdef0123456789abcdef', 'f123456789abcdef0123456789abcdef']]) {
      const text = url(digest);
      expect(findings(text, 'KA205'), digest).toEqual([]);
      const [d] = findings(text, 'KA529');
      expect(d!.severity).toBe('warning');
      expect(d!.message).toContain(`it compares the page's MD5 sum with ${read}; write that`);
      expect(findings(applyFix(text, d!.fix!), 'KA529')).toEqual([]);
      if (keepalivedAvailable()) expect(runKeepalived(text).messages, digest).toEqual([]);
    }
    for (const digest of ['zz23456789abcdef0123456789abcdef', '0x23456789abcdef0123456789abcdef']) {
      expect(findings(url(digest), 'KA529')[0]!.message).toContain('keepalived ignores it');
      expect(findings(url(digest), 'KA205')).toHaveLength(1);
    }
  });
  it('KA530: 1.3.5 keeps a link-local or mixed-family connection, which then never connects', () => {
    const ll = checker(['TCP_CHECK {', '  connect_ip fe80::1', '}']);
    const [a] = findings(ll, 'KA530', '1.3.5');
    expect(a!.message).toContain('keepalived 1.3.5 cannot name the link for it (bind_if came in 1.3.7)');
    expect(a!.message).not.toContain('drops the checker');
    expect(findings(ll, 'KA530', '1.3.7')[0]!.message).toContain('keepalived drops the checker');
    const mixed = checker(['TCP_CHECK {', '  connect_ip 10.0.0.9', '  bindto fd00::1', '}']);
    const [b] = findings(mixed, 'KA530', '1.3.5');
    expect(b!.range.start.line + 1).toBe(8);
    expect(b!.message).toContain('keepalived 1.3.5 keeps both, so the connection fails before it is made');
    // Both lines of one family in the end: 1.3.5 binds and connects (1.3.7 skips the first bindto).
    const later = checker(['TCP_CHECK {', '  bindto fd00::1', '  connect_ip fd00::2', '}']);
    expect(findings(later, 'KA530', '1.3.5')).toEqual([]);
    expect(findings(later, 'KA530', '1.3.7')).toHaveLength(1);
  });
});
