// Example texts for the playground (fictional companies). The article only talks about the
// phrases, so it shows that mentions are not flagged.

export interface Example {
  id: string;
  label: string;
  text: string;
}

export const EXAMPLES: Example[] = [
  {
    id: "security-page",
    label: "Security page",
    text: `Security at Brightfield

Brightfield is SOC 2 Type II certified and HIPAA certified, so your patient data is safe with us.
We passed our SOC 2 audit with zero exceptions, and you can download our SOC 2 report from this page.

Our card vault is PCI certified, and our information security management system is ISO 27001 certified by an accredited certification body.
`,
  },
  {
    id: "rfp-answer",
    label: "RFP answer",
    text: `Q14. Is your organization SOC 2 certified? Please attach your certificate.
A14. Yes. Quarry Analytics holds a SOC 2 certification and will attach the SOC 2 certificate.

Q15. Do you hold any other security certifications?
A15. We are GDPR certified and NIST certified, and our team includes CISSP-certified engineers.
`,
  },
  {
    id: "contract-clause",
    label: "Contract clause",
    text: `7.3 Security Certifications. Throughout the Term, Supplier shall maintain SOC 2 certification and shall remain certified under ISO 27001. Supplier shall notify Customer within ten (10) days if its SOC 2 certification lapses.
`,
  },
  {
    id: "article",
    label: "Article (mentions only)",
    text: `Why "SOC 2 certified" is the wrong phrase

You will hear vendors described as "SOC 2 certified", but there is no SOC 2 certificate. When an RFP asks whether you are SOC 2 certified, the accurate answer points to your SOC 2 Type 2 report. Claiming to be SOC 2 certified can be challenged by any careful reader, while ISO 27001 certified is correct wording.
`,
  },
];
