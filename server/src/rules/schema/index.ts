// KA2xx: the schema findings the core's walker emits. These files hold their metadata and docs.
import type { CoreRule } from '../types.js';
import unknownKeyword from './unknown-keyword.js';
import keywordWrongBlock from './keyword-wrong-block.js';
import missingArgument from './missing-argument.js';
import extraArguments from './extra-arguments.js';
import invalidValue from './invalid-value.js';
import deprecatedKeyword from './deprecated-keyword.js';
import keywordTooNew from './keyword-too-new.js';
import blockExtraParameters from './block-extra-parameters.js';
import duplicate from './duplicate.js';
import featureNotBuilt from './feature-not-built.js';
import settingOverwritten from './setting-overwritten.js';

export const schemaRules: CoreRule[] = [
  unknownKeyword,
  keywordWrongBlock,
  missingArgument,
  extraArguments,
  invalidValue,
  deprecatedKeyword,
  keywordTooNew,
  blockExtraParameters,
  duplicate,
  featureNotBuilt,
  settingOverwritten,
];
