module.exports = { ...require('../jest.preset.cjs'), displayName: 'tools', testMatch: ['<rootDir>/generators/**/*.test.ts', '<rootDir>/checks/**/*.test.ts'] };
