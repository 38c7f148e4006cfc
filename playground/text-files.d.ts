/** YAML files imported as text (the build's esbuild `text` loader): the example pack and fixture the page starts from. */
declare module '*.yaml' {
  const text: string;
  export default text;
}
