import type { SecretSource, SecretStorageInfo } from '../../../../shared/contract/secrets';

/** "set — saved in your system keychain" and the like: where a secret comes from, never what it is. */
export function secretSourceText(source: SecretSource | null, envName: string): string {
  switch (source) {
    case 'keychain':
      return 'set — saved in your system keychain';
    case 'memory':
      return 'set — kept in memory by this tpj serve process only (not saved)';
    case 'env':
      return `set — from ${envName}`;
    case null:
      return 'not set';
  }
}

/** The line under a secret field saying where a value typed there will be kept. */
export function storageHint(storage: SecretStorageInfo): string {
  if (storage.kind === 'memory')
    return 'This page is served by tpj serve: what you enter is kept in memory by that process only, never written to disk, and is gone when it stops.';
  if (!storage.available) return storage.message ?? 'This system has no keychain; secrets cannot be saved here.';
  return storage.message ?? 'Saved encrypted in your system keychain; never shown again or sent back to this window.';
}
