declare const __BURDEN_VERSION__: string | undefined;

/** Set by the build from package.json; "dev" when running from source. */
export const VERSION: string = typeof __BURDEN_VERSION__ === 'string' ? __BURDEN_VERSION__ : 'dev';
