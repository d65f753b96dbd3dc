# Writes wide_hand.c, the hand switch of the dispatch benchmark's wide machine, from
# specs/wide.transit (written by make_wide.py): the switch a careful C programmer would write for
# it, written by a script because 2,000 cases are too many to type. It is the same code as door and
# meshery's hand switches in hand.c: a switch on the state, a switch on the trigger, the initiators
# as a bit mask, a target chosen by initiator where the spec has two transitions on one trigger
# out of one state (one initiator each). Run at build time (CMakeLists.txt):
#   awk -f wide_hand.awk specs/wide.transit > wide_hand.c
BEGIN {
    mask["user"] = "USER"; mask["auto"] = "AUTO"; mask["self"] = "SELF"
    print "/* Written by wide_hand.awk from specs/wide.transit: the hand switch of the wide machine (see"
    print "   hand.c). */"
    print "#include \"dispatch.h\""
    print "#include \"hand.h\""
    print "#include \"wide.h\""
    print ""
    print "static inline transit_result wide_hand_fire(hand_connection *c, int trigger, int initiator) {"
    print "    if ((unsigned)trigger >= WIDE_TRIGGERS ||"
    print "        (initiator != USER && initiator != AUTO && initiator != SELF))"
    print "        return TRANSIT_INVALID;"
    print "    unsigned to, by;"
    print "    switch (c->state) {"
    state = ""; cell = ""
}

# The allowed initiators of the current cell, in the order USER, AUTO, SELF.
function allowed(    s, i, names) {
    split("user auto self", names, " ")
    s = ""
    for (i = 1; i <= 3; i++)
        if (names[i] in cell_by)
            s = s (s == "" ? "" : " | ") mask[names[i]]
    return s
}

function end_cell(    target) {
    if (cell == "")
        return
    if (alts == 1)
        target = "WIDE_STATE_S" to[1]
    else
        target = "initiator == " mask[first_by] " ? WIDE_STATE_S" to[1] " : WIDE_STATE_S" to[2]
    printf "        case WIDE_TRIGGER_T%s: EDGE(%s, %s);\n", cell, target, allowed()
    cell = ""
}

function end_state() {
    end_cell()
    if (state == "")
        return
    print "        default: return TRANSIT_NO_TRANSITION;"
    print "        }"
    print "        break;"
}

# "    sA -> sB on tC by user, auto"
$2 == "->" && $4 == "on" && $6 == "by" {
    from = substr($1, 2); t = substr($5, 2)
    if (from != state) {
        end_state()
        state = from
        printf "    case WIDE_STATE_S%s:\n", state
        print "        switch (trigger) {"
    }
    if (t != cell) {
        end_cell()
        cell = t; alts = 0
        split("", cell_by)
    }
    to[++alts] = substr($3, 2)
    for (i = 7; i <= NF; i++) {
        name = $i
        sub(/,$/, "", name)
        cell_by[name] = 1
        if (alts == 1)
            first_by = name
    }
}

END {
    end_state()
    print "    default:"
    print "        return TRANSIT_INVALID;"
    print "    }"
    print "    if (!(by & (unsigned)initiator))"
    print "        return TRANSIT_NOT_PERMITTED;"
    print "    c->state = to;"
    print "    return TRANSIT_OK;"
    print "}"
    print ""
    print "HAND_RUN(run_wide_hand, WIDE_STATE_S0, wide_hand_fire)"
}
