import type { GeneratorCallback, Tree } from '@nx/devkit';

export interface BaselineOptions {
  id: string;
  label?: string;
  skipInstall?: boolean;
}

declare function baselineGenerator(tree: Tree, options: BaselineOptions): Promise<GeneratorCallback>;
declare namespace baselineGenerator {
  export { baselineGenerator, addToRegistry };
}
declare function addToRegistry(source: string, id: string, camel: string): string;
export = baselineGenerator;
