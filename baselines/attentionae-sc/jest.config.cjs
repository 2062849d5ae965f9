module.exports = { ...require('../../jest.preset.cjs'), displayName: 'attentionae-sc' };
