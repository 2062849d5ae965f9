module.exports = { ...require('../../jest.preset.cjs'), displayName: 'genept-w' };
