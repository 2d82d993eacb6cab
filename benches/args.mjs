// Command-line flags of the benchmark scripts: `--name` switches and `--name VALUE` options.
const args = process.argv.slice(2);

export const flag = (name) => args.includes(name);

export const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
