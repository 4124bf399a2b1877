/** The part of addons-linter's Node API that tests/tools/lint-firefox.ts uses (the package ships no types). */
declare module 'addons-linter' {
  interface LinterConfig {
    _: string[];
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
    stack: boolean;
    pretty: boolean;
    warningsAsErrors: boolean;
    metadata: boolean;
    output: 'none' | 'text' | 'json';
    boring: boolean;
    selfHosted: boolean;
  }
  const addonsLinter: {
    createInstance(options: { config: LinterConfig; runAsBinary: boolean }): { run(): Promise<unknown> };
  };
  export default addonsLinter;
}
