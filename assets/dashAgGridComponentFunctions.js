/* Cell renderers for the task grid. The title is text inside a link to the task; the id is a number. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.TaskLink = function (props) {
  var id = Number(props.data && props.data.id);
  if (!Number.isInteger(id)) return String(props.value || "");
  return React.createElement("a", { href: "/task/" + id, className: "grid-task-link" }, String(props.value || ""));
};
