/** Packages inlined into the core and CLI bundles; see bundled-deps.mjs. */
export declare const bundledDeps: string[];
/** Every dependency of package.json that is not bundled: esbuild's `external` list. */
export declare function externalDeps(): string[];
/** Defines `require` in an ESM bundle for the CommonJS packages inlined into it. */
export declare const requireBanner: string;
