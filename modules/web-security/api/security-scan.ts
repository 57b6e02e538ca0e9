export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing the scan found, with where it is and how to fix it. */
export interface SecurityFinding {
  /** Stable id of the check that found it, e.g. `tls.insecure_url`. */
  check: string;
  severity: Severity;
  /** The SECURITY.md requirement at stake, when there is one (TLS-01…). */
  requirement?: string;
  message: string;
  /** The scope, setting or file concerned, e.g. `stores/fr web/secure/base_url`. */
  where?: string;
  fix?: string;
}

export interface SecurityScanReport {
  mode: 'developer' | 'production';
  scannedAt: string;
  /** Most severe first. */
  findings: SecurityFinding[];
  counts: Record<Severity, number>;
  /** True when anything is critical: the CLI then exits with code 2. */
  critical: boolean;
}

export interface SecurityScanOptions {
  /**
   * The HTTP handler to probe for headers (HSTS, CSP) with a real request over loopback. The CLI passes a freshly built HTTP app,
   * the REST endpoint the app serving it; without one, the header check reports that it did not run.
   */
  httpHandler?: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
}

/** `security:scan` and `GET /V1/security/scan`: audits every scope and setting. Modules may add findings with an after plugin on scan. */
export interface SecurityScanner {
  scan(options?: SecurityScanOptions): Promise<SecurityScanReport>;
}
