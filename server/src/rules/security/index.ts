// The security family (KA6xx): how scripts are run — as which user, with which permissions checks,
// and whether keepalived reads the command line the way it was meant.

import type { Rule } from '../types.js';
import { scriptSecurityDisabled } from './script-security-disabled.js';
import { scriptUserMissing } from './script-user-missing.js';
import { unquotedScriptCommand } from './unquoted-script-command.js';
import { relativeScriptPath } from './relative-script-path.js';
import { scriptInWorldWritableDirectory } from './script-in-world-writable-directory.js';
import { umaskInvalid } from './umask-invalid.js';
import { scriptQuoteUnterminated } from './script-quote-unterminated.js';
import { scriptCommandEmpty } from './script-command-empty.js';
import { scriptShellSyntax } from './script-shell-syntax.js';
import { scriptUserTerminatesKeepalived } from './script-user-terminates-keepalived.js';
import { miscCheckUserCrash } from './misc-check-user-crash.js';

export const securityRules: Rule[] = [scriptSecurityDisabled, scriptUserMissing, unquotedScriptCommand, relativeScriptPath, scriptInWorldWritableDirectory, umaskInvalid, scriptQuoteUnterminated, scriptCommandEmpty, scriptShellSyntax, scriptUserTerminatesKeepalived, miscCheckUserCrash];
