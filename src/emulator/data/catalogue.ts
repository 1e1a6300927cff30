// Curated backlog of the `sample` seed: a clinical AI platform as a regulated team would write it.
// The `large:N` seed cycles through the same titles with a numeric suffix.

export interface FeatureSpec {
  title: string;
  area: string;
  stories: string[];
}

export interface EpicSpec {
  title: string;
  area: string;
  features: FeatureSpec[];
}

export const SAMPLE_BACKLOG: EpicSpec[] = [
  {
    title: 'Patient data ingestion',
    area: 'Ingestion',
    features: [
      {
        title: 'HL7 FHIR R4 intake',
        area: 'Ingestion\\FHIR',
        stories: [
          'Accept FHIR R4 Patient bundles over mutual TLS',
          'Reject bundles that fail FHIR profile validation with an OperationOutcome',
          'Map Observation resources to the canonical vitals schema',
          'Deduplicate resubmitted bundles by bundle identifier',
          'Record provenance (source system, received time) for every resource',
          'Throttle intake per sending facility to protect downstream stores',
        ],
      },
      {
        title: 'De-identification pipeline',
        area: 'Ingestion\\De-identification',
        stories: [
          'Remove the 18 HIPAA Safe Harbor identifiers before storage',
          'Shift dates per patient with a consistent secret offset',
          'Keep a re-identification key in the HSM-backed vault only',
          'Flag free-text notes that still contain names after scrubbing',
          'Report de-identification statistics per batch to the data steward',
        ],
      },
      {
        title: 'Consent management',
        area: 'Ingestion\\Consent',
        stories: [
          'Exclude records of patients who withdrew research consent',
          'Propagate consent withdrawal to derived datasets within 24 hours',
          'Show the consent basis of each dataset in the data catalogue',
          'Audit every consent lookup with requester and purpose',
          'Render clinician note preview safely <img src=x onerror=alert(1)>',
        ],
      },
      {
        title: 'Data quality gates',
        area: 'Ingestion\\Quality',
        stories: [
          'Quarantine batches whose completeness is below the agreed threshold',
          'Validate unit of measure for laboratory results against UCUM',
          'Detect implausible vital sign values and mark them for review',
          'Publish a data quality scorecard for each ingestion run',
          'Block promotion of a dataset with open critical quality issues',
        ],
      },
    ],
  },
  {
    title: 'Model validation & monitoring',
    area: 'Modelling',
    features: [
      {
        title: 'Sepsis risk model validation',
        area: 'Modelling\\Validation',
        stories: [
          'Evaluate AUROC and calibration on the locked validation cohort',
          'Report subgroup performance by age, sex and ethnicity',
          'Freeze the validation dataset with a content hash before evaluation',
          'Generate the model validation report for the quality unit',
          'Compare the candidate model against the approved baseline',
          'Require two-person sign-off before a model version is released',
        ],
      },
      {
        title: 'Drift monitoring',
        area: 'Modelling\\Monitoring',
        stories: [
          'Compute population stability index of inputs weekly',
          'Alert the model owner when prediction drift exceeds the threshold',
          'Track label delay and compute performance on matured labels',
          'Retain monitoring snapshots for the record retention period',
          'Show drift trends per site on the monitoring dashboard',
        ],
      },
      {
        title: 'Model registry',
        area: 'Modelling\\Registry',
        stories: [
          'Register each trained model with training data lineage',
          'Store the intended use statement with every model version',
          'Prevent deployment of models without an approved validation report',
          'Record who promoted a model version and when',
          'Deprecate a model version and notify dependent services',
        ],
      },
      {
        title: 'Explainability',
        area: 'Modelling\\Explainability',
        stories: [
          'Return the top contributing features with each prediction',
          'Document the explanation method in the model card',
          'Cap explanation latency at 300 ms at the 95th percentile',
          'Log explanations shown to clinicians for retrospective review',
          'Hide explanations for features flagged as sensitive',
        ],
      },
    ],
  },
  {
    title: 'Clinician decision support',
    area: 'DecisionSupport',
    features: [
      {
        title: 'Sepsis alert in the EHR',
        area: 'DecisionSupport\\Alerts',
        stories: [
          'Show a sepsis risk banner in the patient chart above the threshold',
          'Let the clinician acknowledge or dismiss an alert with a reason',
          'Suppress repeat alerts for the same episode for six hours',
          'Escalate unacknowledged high-risk alerts to the charge nurse',
          'Record alert delivery and acknowledgement times for audit',
          'Display the model version and validity date next to each score',
        ],
      },
      {
        title: 'Clinician feedback loop',
        area: 'DecisionSupport\\Feedback',
        stories: [
          'Capture clinician agreement with the risk score in one click',
          'Route feedback marked as safety concern to the safety officer',
          'Aggregate feedback per model version for the monitoring review',
          'Allow clinicians to attach a free-text rationale to feedback',
          'Export feedback for post-market surveillance reporting',
        ],
      },
      {
        title: 'Access control and audit',
        area: 'DecisionSupport\\Security',
        stories: [
          'Authorise chart access through Entra ID groups only',
          'Require re-authentication before signing an override',
          'Write an immutable audit record for every score viewed',
          'Time out idle clinician sessions after 15 minutes',
          'Produce a user access review report each quarter',
        ],
      },
      {
        title: 'Mobile ward view',
        area: 'DecisionSupport\\Mobile',
        stories: [
          'List high-risk patients of the ward on a tablet',
          'Refresh risk scores on the ward view every five minutes',
          'Show offline state clearly when the network is unavailable',
          'Open the patient chart from the ward view in one tap',
          'Support screen readers on the ward view',
        ],
      },
    ],
  },
];

/** Verification angles used to title test cases: each tested requirement gets two or three. */
export const TEST_ANGLES = [
  'nominal flow',
  'rejects invalid input',
  'audit trail entry written',
  'boundary values',
  'role-based access enforced',
];

export const PEOPLE: Array<{ displayName: string; uniqueName: string }> = [
  { displayName: 'Amara Okafor', uniqueName: 'amara.okafor@contoso-health.com' },
  { displayName: 'Lukas Brenner', uniqueName: 'lukas.brenner@contoso-health.com' },
  { displayName: 'Priya Raman', uniqueName: 'priya.raman@contoso-health.com' },
  { displayName: 'Mateo Alvarez', uniqueName: 'mateo.alvarez@contoso-health.com' },
  { displayName: 'Hannah Lindqvist', uniqueName: 'hannah.lindqvist@contoso-health.com' },
  { displayName: 'Kenji Watanabe', uniqueName: 'kenji.watanabe@contoso-health.com' },
  { displayName: 'Dr. Sofia Marchetti (QA lead)', uniqueName: 'sofia.marchetti@contoso-health.com' },
  { displayName: 'Dr. Samuel Mensah (Release approver)', uniqueName: 'samuel.mensah@contoso-health.com' },
];
