"""Every category the importer writes has words a reader would use, on the chronology,
a flag's evidence and the indicator editor alike."""

from chronology.importing.categories import CATEGORY_FEEDS
from chronology.timeline.entries import category_in_a_sentence, category_label


def test_every_imported_category_reads_as_people_say_it():
    labels = {code: category_label(code) for code in CATEGORY_FEEDS}
    assert labels["health_camhs_referral"] == "CAMHS referral"
    assert labels["health_ae_attendance"] == "A&E attendance"
    assert labels["social_care_cp_plan"] == "Child-protection plan"
    assert labels["police_incident"] == "Police incident"
    for code, label in labels.items():
        assert label[0].isupper(), code
        assert not label.lower().startswith(("health ", "housing ", "social care ")), (code, label)


def test_a_category_in_a_sentence_keeps_only_the_capitals_it_needs():
    assert category_in_a_sentence("police_incident") == "police incident"
    assert category_in_a_sentence("health_camhs_referral") == "CAMHS referral"
    assert category_in_a_sentence("housing_universal_credit_claim") == "Universal Credit claim"
