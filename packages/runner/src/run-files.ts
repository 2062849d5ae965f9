// A run's side files in an output folder (logs/, pictures/): named where the report reads them.
export { runStem, logFile, pictureFile } from '@scbench/report';
