// Types of build-inputs.mjs, for test/unit/build-inputs.test.ts.
export function buildInputsHash(root: string): string;
export function stampPath(root: string): string;
export function writeStamp(root: string): void;
export function isBuilt(root: string): boolean;
