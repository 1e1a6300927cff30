// Framework mappings shared by controls of the same intent, so a mapping is decided once and reads the
// same everywhere. NIST SP 800-53 rev 5, ISO/IEC 27001:2022 Annex A, and the GxP clauses only where a
// control directly supports them (21 CFR 11.10(c) protection of records, (d) limited system access,
// (e) audit trails, 11.30 open systems; EU GMP Annex 11 §5 data exchange, §7.1 data security, §7.2
// back-ups, §9 audit trails, §12.1 access control).

import type { FrameworkMappings } from '../model';

const m = (nist80053: string[], iso27001: string[], cfr21Part11?: string[], euAnnex11?: string[]): FrameworkMappings => ({
  nist80053,
  iso27001,
  ...(cfr21Part11 ? { cfr21Part11 } : {}),
  ...(euAnnex11 ? { euAnnex11 } : {}),
});

export const FW = {
  /** Customer-managed keys for data at rest. */
  cmk: () => m(['SC-12', 'SC-28', 'SC-28(1)'], ['A.8.24'], ['11.10(c)'], ['7.1']),
  /** Platform encryption layers (infrastructure / double encryption). */
  atRest: () => m(['SC-28', 'SC-28(1)'], ['A.8.24'], ['11.10(c)'], ['7.1']),
  /** Protection of keys against deletion (soft delete, purge protection). */
  keyProtection: () => m(['SC-12', 'CP-9'], ['A.8.24', 'A.8.13'], ['11.10(c)'], ['7.1']),
  /** Key lifecycle: expiry and rotation (NIST SC-12 key management; ISO A.8.24 use of cryptography). */
  keyLifecycle: () => m(['SC-12'], ['A.8.24'], ['11.10(c)'], ['7.1']),
  /** Encryption in transit: TLS versions and HTTPS only. */
  inTransit: () => m(['SC-8', 'SC-8(1)', 'SC-13'], ['A.8.24', 'A.5.14'], ['11.30'], ['5']),
  /** Public endpoint exposure and network ACLs. */
  publicAccess: () => m(['SC-7', 'SC-7(3)', 'AC-4'], ['A.8.20', 'A.8.22'], ['11.10(d)'], ['12.1']),
  /** Private connectivity (private endpoints, managed / injected virtual networks). */
  privateNetwork: () => m(['SC-7', 'SC-7(4)', 'AC-4'], ['A.8.20', 'A.8.21', 'A.8.22']),
  /** Data exfiltration prevention. */
  exfiltration: () => m(['SC-7(10)', 'AC-4'], ['A.8.12', 'A.8.22']),
  /** Network filtering: NSGs, deny by default. */
  filtering: () => m(['SC-7', 'SC-7(5)', 'CM-7'], ['A.8.20', 'A.8.22']),
  /** Threat intelligence and intrusion prevention at the perimeter. */
  threatProtection: () => m(['SI-4', 'SC-7'], ['A.5.7', 'A.8.16', 'A.8.20']),
  /** Web application firewall. */
  waf: () => m(['SC-7', 'SI-4', 'SI-10'], ['A.8.20', 'A.8.26']),
  /** Security logging to a central place: GxP audit trails. */
  logging: () => m(['AU-2', 'AU-6(3)', 'AU-12', 'AU-9'], ['A.8.15', 'A.8.16'], ['11.10(e)'], ['9']),
  /** Threat detection plans and alerting. */
  detection: () => m(['SI-4', 'RA-5', 'SI-3', 'IR-6'], ['A.8.7', 'A.8.8', 'A.8.16']),
  /** Central identities instead of local keys, passwords or admin accounts. */
  centralAuth: () => m(['IA-2', 'AC-2', 'IA-5'], ['A.5.16', 'A.5.17', 'A.8.5'], ['11.10(d)', '11.10(g)'], ['12.1']),
  /** Authorization model: RBAC, least privilege, privileged roles. */
  leastPrivilege: () => m(['AC-2', 'AC-3', 'AC-6', 'AC-6(5)'], ['A.5.15', 'A.5.18', 'A.8.2'], ['11.10(d)', '11.10(g)'], ['12.1']),
  /** Multi-factor authentication. */
  mfa: () => m(['IA-2(1)', 'IA-2(2)'], ['A.8.5'], ['11.10(d)', '11.300'], ['12.1']),
  /** Asset inventory and cost allocation. */
  inventory: () => m(['CM-8', 'PM-5'], ['A.5.9']),
  /** Segregation of development, test and production. */
  segregation: () => m(['CM-4(1)', 'SA-3(1)', 'SC-32'], ['A.8.31']),
  /** Backup and recovery of data. */
  backup: () => m(['CP-9', 'CP-10'], ['A.8.13'], ['11.10(c)'], ['7.2']),
  /** Secure configuration baselines enforced by policy. */
  configuration: () => m(['CM-2', 'CM-6', 'CA-7'], ['A.8.9']),
} as const;

export const LEARN = 'https://learn.microsoft.com/azure';
