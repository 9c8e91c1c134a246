"""The organiser's B2B scheduling pages, served under the B2B session's admin URLs
(``backoffice/admin/scheduling.py`` collects each module's ``urls(model_admin)``):

* ``board``: set-up, the slots × tables grid, the unscheduled list with reasons, solving in
  the background with a progress bar, moving meetings by hand, entering meetings;
* ``imports``: importing meetings from CSV or XLSX;
* ``printouts``: every participant's agenda and the table plan, as PDF;
* ``agendas``: the board's buttons to take in accepted meeting requests, publish the agendas
  and send the reminder.
"""
