// The style family (KA7xx): how the text is laid out, where layout changes what (some releases of)
// keepalived read, or misleads the reader.

import type { Rule } from '../types.js';
import { gluedBrace } from './glued-brace.js';
import { trailingBackslash } from './trailing-backslash.js';
import { mixedIndentation } from './mixed-indentation.js';
import { lookalikeCharacter } from './lookalike-character.js';
import { placeholderLeft } from './placeholder-left.js';
import { oneLineBlock } from './one-line-block.js';
import { emailAngleBrackets } from './email-angle-brackets.js';
import { commentGluedToWord } from './comment-glued-to-word.js';
import { smtpAlertWithoutMailSetup } from './smtp-alert-without-mail-setup.js';
import { mailSettingsCrash } from './mail-settings-crash.js';
import { notifyFifoNameOverrun } from './notify-fifo-name-overrun.js';

export const styleRules: Rule[] = [gluedBrace, trailingBackslash, mixedIndentation, lookalikeCharacter, placeholderLeft, oneLineBlock, emailAngleBrackets, commentGluedToWord, smtpAlertWithoutMailSetup, mailSettingsCrash, notifyFifoNameOverrun];
