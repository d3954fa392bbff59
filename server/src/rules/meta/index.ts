// KA0xx: kalint's own findings. KA000 comes from analyze() and the linter when something throws;
// KA001-KA004 come from the linter's handling of suppression comments (./suppressions.ts).
import type { CoreRule } from '../types.js';
import internalError from './internal-error.js';
import suppressionWithoutReason from './suppression-without-reason.js';
import unusedSuppression from './unused-suppression.js';
import suppressionUnknownRule from './suppression-unknown-rule.js';
import invalidDirective from './invalid-directive.js';

export const metaRules: CoreRule[] = [internalError, suppressionWithoutReason, unusedSuppression, suppressionUnknownRule, invalidDirective];
