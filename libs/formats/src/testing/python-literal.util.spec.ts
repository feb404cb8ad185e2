import { pythonLiteralToJson } from './python-literal.util';

describe('reading a pasted Python literal as the JSON it was', () => {
  it('drops comments and trailing commas, reads True/False/None and a bare null, joins digit groups', () => {
    const literal = `{
        "time": 1_770_362_717_000,  # noqa: E501
        "light": True, "dark": False, "gone": None, "param": null,
        "list": [1, 2,],
    }`;
    expect(pythonLiteralToJson(literal)).toEqual({ time: 1770362717000, light: true, dark: false, gone: null, param: null, list: [1, 2] });
  });

  it('keeps strings as written, with their escapes, "#", ",}" and names inside', () => {
    expect(pythonLiteralToJson(String.raw`{"a": "60\tday(s) # not a comment ,}", "b": "True null"}`)).toEqual({ a: '60\tday(s) # not a comment ,}', b: 'True null' });
  });

  it('refuses a name it does not know instead of guessing', () => {
    expect(() => pythonLiteralToJson('{"a": sample()}')).toThrow("unexpected name 'sample'");
  });
});
