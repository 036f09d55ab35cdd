/** asl-validator ships no type declarations; this is the part the workflow test uses. */
declare module 'asl-validator' {
  const aslValidator: (definition: unknown) => { isValid: boolean; errors: unknown[] };
  export default aslValidator;
}
