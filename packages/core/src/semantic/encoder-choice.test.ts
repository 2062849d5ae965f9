import { describe, expect, it } from '@jest/globals';
import { encoderFor, parseEncoderSpec } from './encoder-choice.ts';

describe('parseEncoderSpec', () => {
  it('reads the three forms, the paper\'s OpenAI model by default', () => {
    expect(parseEncoderSpec('use-lite')).toEqual({ kind: 'use-lite' });
    expect(parseEncoderSpec('openai')).toEqual({ kind: 'openai', model: 'text-embedding-3-small' });
    expect(parseEncoderSpec('openai:text-embedding-ada-002')).toEqual({ kind: 'openai', model: 'text-embedding-ada-002' });
    expect(parseEncoderSpec('openai:text-embedding-3-small@http://127.0.0.1:8080'))
      .toEqual({ kind: 'openai', model: 'text-embedding-3-small', baseUrl: 'http://127.0.0.1:8080' });
    expect(parseEncoderSpec('onnx:/models/minilm')).toEqual({ kind: 'onnx', dir: '/models/minilm' });
  });

  it('refuses anything else, naming the accepted forms', () => {
    for (const bad of ['', 'openai:', 'openai:@http://x', 'openai:m@', 'onnx:', 'minilm', 'USE-lite', 3]) {
      expect(() => parseEncoderSpec(bad)).toThrow(/is not one of 'use-lite' .*'openai:<model>'.*'onnx:<folder/);
    }
  });
});

describe('encoderFor', () => {
  it('says how to fix an unreachable encoder, and does not memoise the failure', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await expect(encoderFor('openai')).rejects.toThrow(/set the environment variable OPENAI_API_KEY/);
      await expect(encoderFor('openai')).rejects.toThrow(/OPENAI_API_KEY/);
      await expect(encoderFor('onnx:/nonexistent/model')).rejects.toThrow(/model folder \/nonexistent\/model does not exist/);
      await expect(encoderFor('openai:m@not a url')).rejects.toThrow(/baseUrl 'not a url' is not a URL/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});
