// What `keepalived -t` prints, split for the config sweeps (configs.mjs, sweep.mjs).

/** Messages about the machine keepalived runs on (interfaces, users, script files, DNS), not the config. */
export const HOST = [
  /interface .* doesn't exist|Non-existent interface|Unknown interface|cannot use a loopback interface|Cannot find an IP address to use for interface|does not support multicast/,
  // "(VI) track script X not found, ignoring..." is the config's own (X never defined, or defined after the
  // instance, or removed for having no script): hostCascade counts it as the host's only when the host removed X.
  /Disabling track script .* since not found/,
  /not (?:executable|accessible)|cannot be accessed|No such file or directory|Permission denied|SECURITY VIOLATION/i,
  /Unable to set default user|Invalid user|uid\/gid|user .* (?:not found|does not exist)/i,
  /not supported by (?:the )?kernel|track file .* (?:directory|filesystem)/i,
  /Invalid smtp server/,
  /unknown interface \S+ specified for |Cannot use VMAC\/ipvlan with unicast (?:peers )?and no interface/,
  // The sweep's network namespace has every interface the config names, a use_vmac name included.
  /interface \S+ already exists and is not a private macvlan/,
  // A routing table given by name is looked up in the host's /etc/iproute2/rt_tables.
  /Routing table (?![+-]?\d)\S+ not found for (?:rule|route)/,
];
/**
 * A predicate for the messages of one run that follow from a host message: 2.2.8 and later remove a
 * track_file whose file's directory is not on this machine ("realpath() error 2 (No such file or
 * directory) for NAME", itself a host message), and every instance tracking it then says "track file
 * NAME not found, ignoring...". And a global_defs `script_user` naming a user this machine lacks ("Error setting
 * global script uid/gid") makes every later startup or shutdown script without a user of its own fail to take the
 * default user: "Invalid startup script".
 *
 * A vrrp_script the host makes keepalived remove is "not found" by the instances after it that track it: a `user`
 * this machine lacks ("Unable to set uid/gid for script CMD", which names the command, not the script: every
 * "track script … not found" of the run is then counted as the host's), or no default user ("Unable to set default
 * user for vrrp script NAME - removing"). Otherwise the message is the config's: NAME is never defined, is defined
 * after the instance (keepalived looks it up as it reads the track_script line), or has no `script` line ("No script
 * set for vrrp_script NAME - removing"); a script file missing on this machine only disables the script ("Disabling
 * track script NAME since not found/accessible", a host message) and draws no "not found" (2.0.19 to 2.4.3).
 */
export function hostCascade(stderr) {
  const removed = new Set([...stderr.matchAll(/realpath\(\) error .* for (\S+)$/gm)].map((m) => m[1]));
  const noDefaultUser = /Error setting global script uid\/gid/.test(stderr);
  const scriptsRemoved = new Set([...stderr.matchAll(/Unable to set default user for vrrp script (\S+) - removing/g)].map((m) => m[1]));
  const scriptUserMissing = /Unable to set uid\/gid for script /.test(stderr);
  return (message) => {
    if (HOST.some((h) => h.test(message))) return true;
    if (removed.has(/track file (\S+) not found, ignoring/.exec(message)?.[1] ?? '\0')) return true;
    if (noDefaultUser && /^Invalid (?:startup|shutdown) script$/.test(message)) return true;
    const script = /track script (\S+) not found, ignoring/.exec(message)?.[1];
    return script !== undefined && (scriptUserMissing || scriptsRemoved.has(script));
  };
}
const LOCATED = /^\((?:(.*?): )?Line (\d+)\) (.*)$/;
/** Before 2.1 keepalived located a line of an included file as "(FILE:N) message". */
const LOCATED_BEFORE_2_1 = /^\(([^()\s]+):(\d+)\) (.*)$/;

/** A located message `{ file, line, message }` (file undefined for the main file), or undefined. */
export function locatedMessage(raw) {
  const m = LOCATED.exec(raw.trim()) ?? LOCATED_BEFORE_2_1.exec(raw.trim());
  return m ? { file: m[1], line: Number(m[2]), message: m[3] } : undefined;
}
