// The registry of every rule. Rule files register here; codes must be unique (a test checks).

import type { Rule } from './types.js';
import { metaRules } from './meta/index.js';
import { syntaxRules } from './syntax/index.js';
import { schemaRules } from './schema/index.js';
import { lvsRules } from './lvs/index.js';
import { securityRules } from './security/index.js';
import { styleRules } from './style/index.js';
import { vrrpRules } from './vrrp/index.js';
import { clusterRules } from './cluster/index.js';

export const rules: Rule[] = [...metaRules, ...syntaxRules, ...schemaRules, ...lvsRules, ...securityRules, ...styleRules, ...vrrpRules, ...clusterRules];

export function ruleByCode(codeOrName: string): Rule | undefined {
  const key = codeOrName.toUpperCase();
  return rules.find((r) => r.code === key || r.name === codeOrName);
}
