/** The paper and original code behind both scdcc and scdcc-semi. */
export const SCDCC_REFERENCE = {
  paper: 'Tian, Zhang, Li, Cheng, Wang & Zhang. Model-based deep embedding for constrained clustering analysis of single cell RNA-seq data. Nature Communications 12, 1873 (2021)',
  url: 'https://doi.org/10.1038/s41467-021-22008-3',
  repo: 'ttgump/scDCC',
  commit: '142e4e0370f4134751e92a160f95f97fce8db369',
};
