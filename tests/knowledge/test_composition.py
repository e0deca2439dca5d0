"""7 CFR 205.302 percent organic: weight or volume, water and salt out, rounded down."""
from __future__ import annotations

from auditpack.records import Ingredient
from knowledge.composition import percent_organic
from tests.knowledge import factory as f


def ing(name, amount, unit, organic=True, water_or_salt=False):
    return Ingredient(name=name, amount=amount, unit=unit, organic=organic, water_or_salt=water_or_salt)


def test_water_and_salt_are_excluded_from_both_totals():
    p = f.product(ingredients=[ing("Oats", 95, "kg"), ing("Sugar", 5, "kg", organic=False),
                               ing("Water", 300, "kg", organic=False, water_or_salt=True),
                               ing("Salt", 2, "kg", organic=False)])
    r = percent_organic(p)
    assert r.percent_exact == 95.0 and r.percent_rounded_down == 95 and r.category_met
    assert [s.excluded for s in r.steps] == [False, False, True, True]


def test_rounds_down_not_to_nearest():
    p = f.product(ingredients=[ing("Oats", 94.99, "kg"), ing("Sugar", 5.01, "kg", organic=False)])
    r = percent_organic(p)
    assert r.percent_rounded_down == 94 and not r.category_met and r.minimum_required == 95


def test_mixed_units_of_mass_are_converted():
    p = f.product(category="made_with_organic",
                  ingredients=[ing("Oats", 70, "lb"), ing("Raisins", 30, "lbs", organic=False),
                               ing("Seeds", 1000, "g")])
    r = percent_organic(p)
    assert r.basis == "weight" and 70 <= r.percent_rounded_down <= 71 and r.category_met


def test_liquid_product_uses_fluid_volume():
    p = f.product("Juice", ingredients=[ing("Apple juice", 3, "gal"), ing("Lemon juice", 0.5, "liter"),
                                        ing("Water", 10, "liter", organic=False, water_or_salt=True)])
    r = percent_organic(p)
    assert r.basis == "volume" and r.percent_rounded_down == 100


def test_missing_amounts_are_reported_not_guessed():
    p = f.product(ingredients=[ing("Oats", 90, "kg"), ing("Mystery", None, None, organic=False)])
    r = percent_organic(p)
    assert r.problems and "Mystery" in r.problems[0]


def test_solids_with_liquids_go_by_weight_with_a_stated_density():
    p = f.product(ingredients=[ing("Oats", 9, "kg"), ing("Maple syrup", 1, "liter", organic=False)])
    r = percent_organic(p)
    assert r.basis == "weight" and r.percent_rounded_down == 90
    assert any("1 kg/L" in s.note for s in r.steps)
