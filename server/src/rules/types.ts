// The rule framework: one rule, one file. Each rule has a stable code, a default severity, and
// docs (why it matters, a bad and a good example) that `kalint explain` and docs/rules/ print.

import type { Analysis } from '../core/index.js';
import type { Diagnostic, Fix, Location, Severity } from '../core/diagnostics.js';
import type { Range } from '../core/syntax/cst.js';
import type { Version } from '../core/schema/schema.js';

/** 'meta': kalint's own findings (KA0xx), e.g. about suppression comments. */
export type RuleFamily = 'meta' | 'syntax' | 'schema' | 'vrrp' | 'cluster' | 'lvs' | 'security' | 'style';

export interface RuleDocs {
  /** Why the finding matters, in a few sentences. */
  why: string;
  /** A config that triggers the rule. */
  bad: string;
  /** The same config, fixed. */
  good: string;
  /**
   * Other files, by absolute path, that the examples need: what they include (the examples
   * themselves are read as /etc/keepalived/keepalived.conf) or, for cluster rules, the other
   * nodes of the cluster.
   */
  files?: Record<string, string>;
  /** The keepalived release the examples are read as (`--target-version`), for a rule about releases other than the default 2.2.7. */
  target?: string;
}

export interface RuleMeta {
  /** Stable forever: KA + family digit + two digits. */
  code: string;
  /** Short kebab-case name, also accepted wherever a code is. */
  name: string;
  family: RuleFamily;
  severity: Severity;
  description: string;
  docs: RuleDocs;
}

export interface ReportInput {
  message: string;
  file: string;
  range: Range;
  severity?: Severity;
  related?: (Location & { message: string })[];
  fix?: Fix;
}

/** What a single-file rule sees. */
export interface FileRuleContext {
  analysis: Analysis;
  /** The keepalived version checked against. */
  target: Version;
  report(r: ReportInput): void;
}

export interface CoreRule extends RuleMeta {
  /** Emitted by the parser or the schema walker; the rule file holds its metadata and docs. */
  kind: 'core';
}

export interface FileRule extends RuleMeta {
  kind: 'file';
  check(ctx: FileRuleContext): void;
}

/** One node of a cluster: a file (or a file seen with one config id). */
export interface ClusterNode {
  /** Display name: the file, plus `@id` when one file is several nodes. */
  label: string;
  analysis: Analysis;
}

export interface ClusterRuleContext {
  nodes: ClusterNode[];
  /** Why these files were taken as one cluster (shown in messages). */
  reason: string;
  target: Version;
  report(r: ReportInput): void;
}

export interface ClusterRule extends RuleMeta {
  kind: 'cluster';
  check(ctx: ClusterRuleContext): void;
}

export type Rule = CoreRule | FileRule | ClusterRule;

export type { Diagnostic };
