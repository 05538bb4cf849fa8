// The Rupture Resolution Rating System (3RS), 2015 manual, held as data.
//
// All definitions, contrasts and anchor descriptions below are our own short
// summaries written for coders' quick reference inside the app. They are not
// quotations from the manual; coders should still be trained on the manual itself.

import type { CodeDef, RatingItemDef, ScaleDef, Scheme } from './types.ts';

const codes: CodeDef[] = [
  // ---- Withdrawal: the patient pulls back from the therapist or the work ----
  {
    id: 'W1',
    category: 'withdrawal',
    name: 'Denial',
    shortName: 'Denial',
    definition:
      'The patient disowns a feeling that is plainly showing, or plays down a relationship or event that clearly matters, and the disavowal serves to close the subject. The patient may or may not know they are doing it.',
    notToConfuseWith:
      'Unlike rejecting an intervention (C2), denial steps back to escape something painful rather than pushing against the therapist to prove them wrong. A calm, candid report of not feeling something is not denial.',
    defaultKey: 'Digit1',
  },
  {
    id: 'W2',
    category: 'withdrawal',
    name: 'Minimal response',
    shortName: 'Minimal response',
    definition:
      "The patient falls silent or answers in a word or two when the therapist tries to open or sustain a conversation, so the therapist's efforts to engage stall. Leaving the room, checking a phone mid-session, or visibly switched-off body language also count.",
    notToConfuseWith:
      'A pause used for thinking, followed by a considered answer, is engagement rather than withdrawal. If brief replies come with eager nodding and agreement, consider deferential (W5) as well.',
    defaultKey: 'Digit2',
  },
  {
    id: 'W3',
    category: 'withdrawal',
    name: 'Abstract communication',
    shortName: 'Abstract communication',
    definition:
      "The patient talks in vague, general or intellectual terms that hold the therapist at arm's length from what the patient actually feels or worries about. The talk may become so hazy that it is hard to follow.",
    notToConfuseWith:
      'Speaking about people in general to avoid oneself is W3, while dwelling on particular other people is W4. A patient whose habitual style is intellectual, and for whom it does not hamper the work, is not withdrawing.',
    defaultKey: 'Digit3',
  },
  {
    id: 'W4',
    category: 'withdrawal',
    name: 'Avoidant storytelling and/or shifting topic',
    shortName: 'Avoidant story / topic shift',
    definition:
      'The patient tells stories or changes the subject in a way that steers away from the therapeutic work, often from a weighty theme to a lighter one. Stories may be long and rambling or short and charming; what counts is that they shut the therapist out.',
    notToConfuseWith:
      'A story or new topic raised because the patient believes it matters to the work, or small talk as a session opens or closes, is collaboration. Describing named others instead of oneself belongs here; generalities about people belong to W3.',
    defaultKey: 'Digit4',
  },
  {
    id: 'W5',
    category: 'withdrawal',
    name: 'Deferential and appeasing',
    shortName: 'Deferential, appeasing',
    definition:
      'The patient becomes over-compliant, agreeing with or flattering the therapist so as to sidestep friction. As a result the therapist cannot tell what the patient truly thinks or feels.',
    notToConfuseWith:
      'Sincere, engaged praise is not a rupture; look for a sense of smoothing things over or courting the therapist. Quiet pulling back without eager agreement is minimal response (W2).',
    defaultKey: 'Digit5',
  },
  {
    id: 'W6',
    category: 'withdrawal',
    name: 'Content/affect split',
    shortName: 'Content/affect split',
    definition:
      "The patient's emotional tone does not fit what they are describing, for instance smiling, giggling or sounding flat while recounting something distressing. It is especially telling when cheerfulness cushions a complaint about the therapist or the therapy.",
    notToConfuseWith:
      'Not every laugh or joke is a split: shared humour about ironic events can reflect a strong alliance. Code it when the mismatch hides how the patient really feels, shows unease with the therapist, or blunts a complaint.',
    defaultKey: 'Digit6',
  },
  {
    id: 'W7',
    category: 'withdrawal',
    name: 'Self-criticism and/or hopelessness',
    shortName: 'Self-criticism, hopelessness',
    definition:
      'The patient sinks into running themselves down or giving up, in a way that excludes the therapist and implies no help is possible. It can also serve to avoid friction with the therapist.',
    notToConfuseWith:
      "A patient who openly explores self-critical thoughts together with the therapist is working, not withdrawing. If the patient blames the therapist's ideas as useless rather than themselves as beyond help, code C2; help-rejecting patients often warrant both.",
    defaultKey: 'Digit7',
  },

  // ---- Confrontation: the patient moves against the therapist or the work ----
  {
    id: 'C1',
    category: 'confrontation',
    name: 'Complaints/concerns about the therapist',
    shortName: 'Complaints: therapist',
    definition:
      "The patient voices negative feelings about the therapist as a person (anger, distrust, feeling judged, hurt or misunderstood) or questions the therapist's skill or manner. It may be hostile or polite and veiled; even a hint is enough to code.",
    notToConfuseWith:
      'If the objection targets a specific intervention rather than the therapist, code C2; if it targets an exercise or homework, code C3. A neutral, non-hostile request for something different is healthy self-assertion, not a rupture.',
    defaultKey: 'KeyQ',
  },
  {
    id: 'C2',
    category: 'confrontation',
    name: 'Patient rejects therapist intervention',
    shortName: 'Rejects intervention',
    definition:
      'The patient dismisses or shuts down what the therapist offers, such as an interpretation, a reading of their situation, a question or an offer of support, often treating it as wrong or beside the point.',
    notToConfuseWith:
      "Disagreeing during a shared exploration, while taking the therapist's idea seriously, is not a rupture. Objections to an assigned task go to C3, and making a case for one's own conduct goes to C6.",
    defaultKey: 'KeyW',
  },
  {
    id: 'C3',
    category: 'confrontation',
    name: 'Complaints/concerns about the activities of therapy',
    shortName: 'Complaints: activities',
    definition:
      'The patient shows dislike of, unease with, or doubt about particular tasks such as homework or an in-session exercise, openly or by wondering aloud whether the task will help. Reporting that homework was not done is usually coded here too.',
    notToConfuseWith:
      'Objecting to an interpretation or question is C2, and objecting to scheduling, session length or research demands is C4. Homework missed despite real effort against an unforeseeable obstacle is not coded.',
    defaultKey: 'KeyE',
  },
  {
    id: 'C4',
    category: 'confrontation',
    name: 'Complaints/concerns about the parameters of therapy',
    shortName: 'Complaints: parameters',
    definition:
      'The patient objects to the frame of treatment: appointment times, how long or how often sessions run, how many there are, or study requirements such as questionnaires and recording.',
    notToConfuseWith:
      'Frank give-and-take while looking for a workable appointment is collaboration. Code it when the patient seems inflexible, blocks every option, or resists meeting as often as the therapist recommends.',
    defaultKey: 'KeyR',
  },
  {
    id: 'C5',
    category: 'confrontation',
    name: 'Complaints/concerns about progress in therapy',
    shortName: 'Complaints: progress',
    definition: 'The patient expresses doubt or dissatisfaction about what the therapy has achieved or could achieve, including talk of stopping.',
    notToConfuseWith:
      'A straightforward, pleased report of progress is not a rupture, while a hesitant tone masking dissatisfaction may call for C5 together with a withdrawal code such as W5. Complaints about the therapist personally belong to C1.',
    defaultKey: 'KeyT',
  },
  {
    id: 'C6',
    category: 'confrontation',
    name: 'Patient defends self against therapist',
    shortName: 'Defends self',
    definition:
      'The patient justifies their thoughts, feelings or actions against criticism or judgment they sense from the therapist, whether or not any was intended. Insisting that one has no diagnosis or needs no treatment often belongs here.',
    notToConfuseWith:
      "Arguing that the therapist's idea is wrong is C2; arguing that one's own conduct is justified is C6. Calm, neutral self-assertion is healthy. Marked defensiveness earns at least a check-minus even when it seems to target someone outside therapy, since part of it is probably meant for the therapist.",
    defaultKey: 'KeyY',
  },
  {
    id: 'C7',
    category: 'confrontation',
    name: 'Efforts to control/pressure the therapist',
    shortName: 'Controls, pressures',
    definition:
      'The patient tries to take charge of the therapist or the session: dictating what the therapist may do, demanding quick fixes, provoking, or crowding the therapist out. Intrusive flirtation used to gain the upper hand can belong here.',
    notToConfuseWith:
      'Stating needs plainly while leaving the therapist free to decline is collaboration. Ask whether, in the therapist’s seat, you would feel cornered; if so, code C7.',
    defaultKey: 'KeyU',
  },

  // ---- Resolution strategies: the therapist's attempts at repair ----
  {
    id: 'R1',
    category: 'resolution',
    name: 'Therapist clarifies a misunderstanding',
    shortName: 'Clarifies misunderstanding',
    definition:
      'In answer to a rupture, the therapist corrects or clears up something the patient misheard or misread. Typically the repair stops there, without looking into what the mix-up meant.',
    notToConfuseWith:
      'Explaining why a task is worthwhile is R3, not R1. Clarifying that is not prompted by any rupture is ordinary therapy; use check-minus when unsure.',
    defaultKey: 'KeyA',
  },
  {
    id: 'R2',
    category: 'resolution',
    name: 'Therapist changes tasks or goals',
    shortName: 'Changes tasks or goals',
    definition:
      'The therapist alters what the pair are working on or aiming for because of a rupture, either to meet a complaint or to re-engage a withdrawn patient. Adjusting a task so it is easier to accept also counts.',
    notToConfuseWith:
      'Moving to the next agenda item while unaware of any rupture is not R2. Bringing a drifting patient back to the current task is R10, not a change of task.',
    defaultKey: 'KeyS',
  },
  {
    id: 'R3',
    category: 'resolution',
    name: 'Therapist illustrates tasks or provides a rationale for treatment',
    shortName: 'Illustrates task / rationale',
    definition:
      'Responding to a rupture, the therapist explains, demonstrates or justifies a task or goal, or reframes it so it looks more worthwhile to the patient.',
    notToConfuseWith:
      'A first, routine introduction of a task is just therapy; repeated or expanding explanations after the patient balks point to R3. Correcting a misheard remark is R1.',
    defaultKey: 'KeyD',
  },
  {
    id: 'R4',
    category: 'resolution',
    name: 'Therapist invites discussion of thoughts/feelings about the therapist or therapy',
    shortName: 'Invites talk about therapy',
    definition:
      'Having noticed a rupture, the therapist encourages the patient to voice negative or vulnerable reactions to the therapist or the therapy, either by asking or by an observation that opens the subject up.',
    notToConfuseWith:
      'Routine check-ins or end-of-session feedback with no rupture in play are not R4. R4 widens the conversation about the rupture, whereas R10 reins the patient back in.',
    defaultKey: 'KeyF',
  },
  {
    id: 'R5',
    category: 'resolution',
    name: 'Therapist acknowledges own contribution to a rupture',
    shortName: 'Owns their part',
    definition:
      'The therapist owns a share in a rupture, naming how they may have frustrated, confused or hurt the patient, whether earlier, right now, or in anticipation of what they are about to say.',
    notToConfuseWith:
      'Sharing feelings about the interaction without owning a part in the problem is R6; when the therapist does both, code R5 and R6.',
    defaultKey: 'KeyG',
  },
  {
    id: 'R6',
    category: 'resolution',
    name: 'Therapist discloses internal experience of the interaction',
    shortName: 'Discloses own experience',
    definition:
      'During a rupture, the therapist tells the patient what they themselves are thinking or feeling about what is going on between the two of them, such as frustration, unease, or reassuring warmth.',
    notToConfuseWith:
      'Habitual "I wonder" phrasing is not disclosure; it must concern the relationship while a rupture is live. Owning a part in causing the rupture is R5.',
    defaultKey: 'KeyH',
  },
  {
    id: 'R7',
    category: 'resolution',
    name: 'Therapist links rupture to patterns between patient and therapist',
    shortName: 'Links to in-session pattern',
    definition:
      'The therapist points out that the present rupture resembles earlier ones within this pair, along the lines of "here we go again". It still counts if the patient spots the pattern first and the therapist takes it up.',
    notToConfuseWith:
      "A link to the patient's relationships outside therapy is R8. Naming the current rupture without tying it to a recurring pattern is R4 or R6.",
    defaultKey: 'KeyX',
  },
  {
    id: 'R8',
    category: 'resolution',
    name: "Therapist links rupture to patterns in the patient's other relationships",
    shortName: 'Links to other relationships',
    definition:
      "The therapist draws a parallel between the rupture in the room and how the patient's relationships outside therapy tend to go, starting from either side. The link has to serve to highlight or open up the rupture.",
    notToConfuseWith:
      'Links to repeated episodes within the therapy itself are R7. Discussing outside relationships or core beliefs with no rupture present is not R8.',
    defaultKey: 'KeyC',
  },
  {
    id: 'R9',
    category: 'resolution',
    name: "Therapist validates the patient's defensive posture",
    shortName: 'Validates defensive posture',
    definition:
      "Rather than contesting the patient's guarded stance, the therapist affirms that it makes sense and is legitimate, for example accepting a complaint as fair or a wish for distance as understandable.",
    notToConfuseWith:
      "Merely echoing the patient's own explanation is not enough; the therapist must convey that the stance is valid. Validation unconnected to a rupture is ordinary support.",
    defaultKey: 'KeyV',
  },
  {
    id: 'R10',
    category: 'resolution',
    name: 'Therapist redirects/refocuses the patient',
    shortName: 'Redirects, refocuses',
    definition:
      'When the patient drifts off the work, for instance through avoidant stories, the therapist steers them back to the current task or to what is happening in the room right now.',
    notToConfuseWith:
      'R10 narrows the conversation, whereas inviting the patient to expand on feelings about the rupture is R4. Switching to a different task is R2.',
    defaultKey: 'KeyB',
  },
];

const scales: ScaleDef[] = [
  {
    id: 'significance',
    name: 'Significance',
    min: 1,
    max: 5,
    anchors: [
      {
        value: 1,
        label: 'No significance',
        description: 'Absent, or present only in very small form with no visible or lasting effect on the bond or on the shared work.',
      },
      { value: 2, label: 'Minor significance', description: 'A small effect on the alliance.' },
      { value: 3, label: 'Some significance', description: 'A noticeable effect on the alliance.' },
      {
        value: 4,
        label: 'Moderate significance',
        description: 'A clear effect on the alliance: more than a 3, short of a 5.',
      },
      { value: 5, label: 'High significance', description: 'A marked, noteworthy effect on the alliance.' },
    ],
  },
  {
    id: 'overall-resolution',
    name: 'Overall resolution',
    min: 1,
    max: 5,
    anchorAt: 3,
    anchors: [
      {
        value: 1,
        label: 'Poor resolution / alliance worse',
        description: 'Major ruptures went unaddressed or repair attempts failed; also use when an attempt at repair left the alliance worse.',
      },
      {
        value: 2,
        label: 'Below typical resolution / no improvement',
        description: 'Minor ruptures stayed unresolved or major ones were barely eased; repair efforts neither helped nor harmed.',
      },
      {
        value: 3,
        label: 'OK, typical resolution / workable alliance',
        description:
          'Ruptures were dealt with, at least in part, and the pair end with a workable bond and collaboration. Also the rating to give when a session had no ruptures, or just very slight ones.',
      },
      {
        value: 4,
        label: 'Good resolution / alliance somewhat improved',
        description: 'Ruptures were mostly repaired with some success; includes very minor ruptures that were repaired very well.',
      },
      {
        value: 5,
        label: 'Very good resolution / alliance improved',
        description: 'More than minor ruptures were repaired very well, leaving the bond or the collaboration stronger than before.',
      },
    ],
  },
  {
    id: 'therapist-contribution',
    name: 'Therapist contribution',
    min: 1,
    max: 5,
    anchors: [
      {
        value: 1,
        label: 'No more than the ordinary share',
        description: 'The therapist plays only the usual two-sided part in ruptures; nothing they do starts or worsens them.',
      },
      {
        value: 2,
        label: 'Slightly more than ordinary',
        description: 'Now and then the therapist adds a little to a rupture, such as a brief lapse in attunement, with little effect.',
      },
      {
        value: 3,
        label: 'Somewhat more than ordinary',
        description: 'The therapist noticeably helps start or prolong some ruptures, e.g. by criticising, pushing, or passing over clear markers.',
      },
      {
        value: 4,
        label: 'Considerably more than ordinary',
        description: "The therapist's own withdrawing or confronting behaviour repeatedly sets off or deepens the patient's rupture markers.",
      },
      {
        value: 5,
        label: 'Therapist clearly drove the ruptures',
        description: 'The ruptures stem mainly from the therapist, through hostility, criticism, or marked passivity in the face of obvious markers.',
      },
    ],
  },
];

const ratingItems: RatingItemDef[] = [
  ...codes.map((c): RatingItemDef => ({ id: c.id, label: c.name, scale: 'significance', code: c.id, category: c.category })),
  { id: 'overall_withdrawal', label: 'Overall withdrawal', scale: 'significance', category: 'withdrawal' },
  { id: 'overall_confrontation', label: 'Overall confrontation', scale: 'significance', category: 'confrontation' },
  { id: 'overall_resolution', label: 'Overall resolution', scale: 'overall-resolution' },
  { id: 'therapist_contribution', label: 'Therapist contribution', scale: 'therapist-contribution' },
];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The 3RS as published in 2015. Frozen: treat as read-only reference data. */
export const scheme3rs2015: Scheme = deepFreeze({
  id: '3rs-2015',
  title: 'Rupture Resolution Rating System (3RS), 2015',
  categories: [
    {
      id: 'withdrawal',
      name: 'Withdrawal',
      codePrefix: 'W',
      description:
        'Patient markers of pulling back from the therapist or from the joint work: going quiet, vague, off-topic, over-agreeable or self-absorbed so that real engagement stalls.',
    },
    {
      id: 'confrontation',
      name: 'Confrontation',
      codePrefix: 'C',
      description: 'Patient markers of pushing against the therapist or the therapy: complaining, rejecting, defending, or trying to control.',
    },
    {
      id: 'resolution',
      name: 'Resolution strategies',
      codePrefix: 'R',
      description: 'Therapist moves aimed at repairing a rupture that has occurred in this session or an earlier one.',
    },
  ],
  codes,
  scales,
  ratingItems,
});
