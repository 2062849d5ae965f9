export { main } from "./cli.ts";
export { diskCache } from './disk-cache.ts';
