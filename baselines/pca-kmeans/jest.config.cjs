module.exports = { ...require('../../jest.preset.cjs'), displayName: 'pca-kmeans' };
