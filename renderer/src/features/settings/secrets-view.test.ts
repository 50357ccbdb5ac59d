import { describe, expect, it } from 'vitest';
import { secretSourceText, storageHint } from './secrets-view';

describe('secret texts', () => {
  it('says where a key comes from without showing it', () => {
    expect(secretSourceText('keychain', 'GEMINI_API_KEY')).toBe('set — saved in your system keychain');
    expect(secretSourceText('env', 'GEMINI_API_KEY')).toBe('set — from GEMINI_API_KEY');
    expect(secretSourceText('memory', 'GEMINI_API_KEY')).toMatch(/tpj serve process only/);
    expect(secretSourceText(null, 'GEMINI_API_KEY')).toBe('not set');
  });

  it('tells the trader whether typed secrets are saved, kept in memory, or refused', () => {
    const keychain = { kind: 'keychain' as const, available: true, backend: 'gnome_libsecret', message: null };
    expect(storageHint(keychain)).toMatch(/system keychain/);
    expect(storageHint({ ...keychain, backend: 'basic_text', message: 'weak' })).toBe('weak');
    expect(storageHint({ ...keychain, available: false, message: null })).toMatch(/cannot be saved/);
    expect(storageHint({ kind: 'memory', available: true, backend: null, message: null })).toMatch(
      /never written to disk/,
    );
  });
});
